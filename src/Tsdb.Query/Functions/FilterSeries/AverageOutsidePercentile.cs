using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web averageOutsidePercentile: with n folded to at least 50, keeps the series whose average is
/// not strictly between the (100 - n)th and nth percentiles of all averages. An all-null series (null
/// average) makes graphite-web's comparison raise (500); here it counts as outside and is kept.
/// </summary>
public sealed class AverageOutsidePercentile : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "averageOutsidePercentile", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Keeps the series whose average lies outside the n-th percentile band of all the averages.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double n = args.Double("n") ?? throw new QueryException("averageOutsidePercentile: n is required");
        var seriesList = args.SeriesList("seriesList");
        if (n < 50) n = 100 - n;
        var averages = seriesList.Select(s => Aggregators.Average(s.Values)).ToList();
        double low = Percentile.Of(averages, 100 - n);
        double high = Percentile.Of(averages, n);
        return seriesList.Where((s, i) => !(low < averages[i] && averages[i] < high)).ToList();
    }
}
