using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web multiplySeries: aggregate() with "multiply" (a row with any null is null). A single
/// series given alone is returned untouched (legacy upstream behaviour).
/// </summary>
public sealed class MultiplySeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "multiplySeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "Multiplies the series together point by point; null wherever any series is null.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var lists = args.Multiple("seriesLists");
        if (lists.Count == 1 && lists[0] is List<TimeSeries> { Count: 1 } only) return [only[0]];
        return SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "multiply");
    }
}
