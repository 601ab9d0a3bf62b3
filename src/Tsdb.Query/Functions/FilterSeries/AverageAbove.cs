using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web averageAbove: filterSeries(seriesList, "average", "&gt;", n); a series without any value has a null
/// "average" and is dropped.
/// </summary>
public sealed class AverageAbove : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "averageAbove", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose average is above n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "average", ">",
            args.Double("n") ?? throw new QueryException("averageAbove: n is required"));
}
