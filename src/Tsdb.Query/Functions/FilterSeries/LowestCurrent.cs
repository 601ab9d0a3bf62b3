using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web lowestCurrent: <see cref="SeriesRanking.Lowest"/> by "current" (null sorts as -inf), first n kept.</summary>
public sealed class LowestCurrent : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "lowestCurrent", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps the n series whose last non-null value is lowest (series without values first).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Lowest(args.SeriesList("seriesList"), args.Long("n") ?? 1, "current");
}
