using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web currentBelow: filterSeries(seriesList, "last", "&lt;=", n); a series without any value has a null
/// "last" and is kept.
/// </summary>
public sealed class CurrentBelow : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "currentBelow", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose last non-null value is at most n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "last", "<=",
            args.Double("n") ?? throw new QueryException("currentBelow: n is required"));
}
