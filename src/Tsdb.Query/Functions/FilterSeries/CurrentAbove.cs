using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web currentAbove: filterSeries(seriesList, "last", "&gt;", n); a series without any value has a null
/// "last" and is dropped.
/// </summary>
public sealed class CurrentAbove : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "currentAbove", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose last non-null value is above n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "last", ">",
            args.Double("n") ?? throw new QueryException("currentAbove: n is required"));
}
