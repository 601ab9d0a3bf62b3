using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web stddevSeries: aggregate() with "stddev" over all given series lists; the name is always the long
/// form ("stddevSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class StddevSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "stddevSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "The population standard deviation of the series' non-null values at each point.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "stddev");
}
