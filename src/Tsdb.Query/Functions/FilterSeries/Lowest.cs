using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web lowest: series sorted ascending by the aggregation func (null as -inf, so all-null series first), first n kept.</summary>
public sealed class Lowest : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "lowest", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Default: "average"),
        ],
        "Keeps the n series with the lowest value of an aggregation function (average by default).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Lowest(args.SeriesList("seriesList"), args.Long("n") ?? 1, args.String("func") ?? "average");
}
