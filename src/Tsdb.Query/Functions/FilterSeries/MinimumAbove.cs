using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>graphite-web minimumAbove: filterSeries(seriesList, "min", "&gt;", n); an all-null series is dropped.</summary>
public sealed class MinimumAbove : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "minimumAbove", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose minimum is above n.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SeriesRanking.Filter(args.SeriesList("seriesList"), "min", ">",
            args.Double("n") ?? throw new QueryException("minimumAbove: n is required"));
}
