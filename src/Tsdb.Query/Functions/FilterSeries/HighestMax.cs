using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web highestMax: <see cref="SeriesRanking.Highest"/> by "max" (null sorts as -inf), first n kept.</summary>
public sealed class HighestMax : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "highestMax", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps the n series with the highest maximum value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Highest(args.SeriesList("seriesList"), args.Long("n") ?? 1, "max");
}
