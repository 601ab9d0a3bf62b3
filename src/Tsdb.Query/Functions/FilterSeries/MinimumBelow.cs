using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web minimumBelow: filterSeries(seriesList, "min", "&lt;=", n); an all-null series has a null minimum and is kept.</summary>
public sealed class MinimumBelow : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "minimumBelow", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose minimum is at most n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "min", "<=",
            args.Double("n") ?? throw new QueryException("minimumBelow: n is required"));
}
