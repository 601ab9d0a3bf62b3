using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web sumSeries: aggregate() with "sum" over all given series lists; the name is always the long
/// form ("sumSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class SumSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sumSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "Adds the series together point by point (nulls ignored); short form sum().",
        Aliases: ["sum"],
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "sum");
}
