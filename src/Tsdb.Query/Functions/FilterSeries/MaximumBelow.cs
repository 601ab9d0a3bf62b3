using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web maximumBelow: filterSeries(seriesList, "max", "&lt;=", n); a series without any value has a null
/// "max" and is kept.
/// </summary>
public sealed class MaximumBelow : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "maximumBelow", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose maximum is at most n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "max", "<=",
            args.Double("n") ?? throw new QueryException("maximumBelow: n is required"));
}
