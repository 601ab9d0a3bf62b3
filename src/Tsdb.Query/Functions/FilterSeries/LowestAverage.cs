using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web lowestAverage: <see cref="SeriesRanking.Lowest"/> by "average" (all-null series first), first n kept.</summary>
public sealed class LowestAverage : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "lowestAverage", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps the n series with the lowest average value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Lowest(args.SeriesList("seriesList"), args.Long("n") ?? 1, "average");
}
