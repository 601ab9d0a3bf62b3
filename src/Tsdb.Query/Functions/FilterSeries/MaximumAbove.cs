using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web maximumAbove: filterSeries(seriesList, "max", "&gt;", n); a series without any value has a null
/// "max" and is dropped.
/// </summary>
public sealed class MaximumAbove : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "maximumAbove", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose maximum is above n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "max", ">",
            args.Double("n") ?? throw new QueryException("maximumAbove: n is required"));
}
