using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web minSeries: aggregate() with "min" over all given series lists; the name is always the long
/// form ("minSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class MinSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "minSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "The lowest non-null value of the series at each point.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "min");
}
