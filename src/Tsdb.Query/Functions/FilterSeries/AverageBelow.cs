using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web averageBelow: filterSeries(seriesList, "average", "&lt;=", n); a series without any value has a null
/// "average" and is kept.
/// </summary>
public sealed class AverageBelow : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "averageBelow", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose average is at most n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "average", "<=",
            args.Double("n") ?? throw new QueryException("averageBelow: n is required"));
}
