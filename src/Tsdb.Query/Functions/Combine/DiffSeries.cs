using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web diffSeries: aggregate() with "diff" over all given series lists; the name is always the long
/// form ("diffSeries(&lt;pathExpressions&gt;)") even when called through an alias.
/// </summary>
public sealed class DiffSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "diffSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)],
        "Subtracts the second and later series from the first, point by point (nulls ignored).",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesAggregation.Aggregate(context, args.SeriesLists("seriesLists"), "diff");
}
