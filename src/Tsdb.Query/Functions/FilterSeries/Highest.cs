using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web highest: series sorted descending by the aggregation func (null as -inf, stable), first n kept.</summary>
public sealed class Highest : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "highest", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Default: "average"),
        ],
        "Keeps the n series with the highest value of an aggregation function (average by default).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Highest(args.SeriesList("seriesList"), args.Long("n") ?? 1, args.String("func") ?? "average");
}
