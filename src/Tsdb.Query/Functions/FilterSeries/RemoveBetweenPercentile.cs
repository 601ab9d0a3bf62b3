using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web removeBetweenPercentile: with n folded to at least 50, per index the (100 - n)th and nth
/// percentiles across the series (columns of Python zip, i.e. up to the shortest series); a series is
/// kept when at least one of its values is not strictly between them (a null value counts as outside).
/// </summary>
public sealed class RemoveBetweenPercentile : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "removeBetweenPercentile", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Removes the series that stay inside the n-th percentile band at every point in time.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double n = args.Double("n") ?? throw new QueryException("removeBetweenPercentile: n is required");
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        if (n < 50) n = 100 - n;
        int columns = seriesList.Min(s => s.Values.Length);
        var low = new double[columns];
        var high = new double[columns];
        for (int i = 0; i < columns; i++)
        {
            var column = seriesList.Select(s => s.Values[i]).ToList();
            low[i] = Percentile.Of(column, 100 - n);
            high[i] = Percentile.Of(column, n);
        }
        return seriesList.Where(s =>
        {
            for (int i = 0; i < columns; i++)
                if (!(low[i] < s.Values[i] && s.Values[i] < high[i])) return true;
            return false;
        }).ToList();
    }
}
