using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web highestAverage: <see cref="SeriesRanking.Highest"/> by "average" (null sorts as -inf), first n kept.</summary>
public sealed class HighestAverage : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "highestAverage", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps the n series with the highest average value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Highest(args.SeriesList("seriesList"), args.Long("n") ?? 1, "average");
}
