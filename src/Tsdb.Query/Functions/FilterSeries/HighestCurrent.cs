using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web highestCurrent: the n series with the highest last non-null value (see <see cref="SeriesRanking"/>).</summary>
public sealed class HighestCurrent : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "highestCurrent", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps the n series whose last non-null value is highest.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Highest(args.SeriesList("seriesList"), args.Long("n") ?? 1, "current");
}
