using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web maxSeries: aggregate() with "max" over all given series lists; the name is always the long
/// form ("maxSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class MaxSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "maxSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "The highest non-null value of the series at each point.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "max");
}
