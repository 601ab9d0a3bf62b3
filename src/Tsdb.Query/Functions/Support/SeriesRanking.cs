using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web highest()/lowest() and filterSeries() (render/functions.py) behind highestCurrent,
/// highestMax, lowestCurrent, currentAbove, averageBelow &amp; co. Sort keys are the aggregation of each
/// series' values with null mapped to -inf (Python 3 keyFunc); sorts are stable in both directions, as
/// Python's sort(reverse=True) is; the first n are kept (Python slice: negative n drops from the end).
/// </summary>
public static class SeriesRanking
{
    public static List<TimeSeries> Highest(IReadOnlyList<TimeSeries> seriesList, long n, string func)
    {
        var agg = Aggregators.Get(func);
        var sorted = seriesList.OrderByDescending(s => SortKey(agg, s)).ToList();
        return PythonSlice.Head(sorted, n);
    }

    public static List<TimeSeries> Lowest(IReadOnlyList<TimeSeries> seriesList, long n, string func)
    {
        var agg = Aggregators.Get(func);
        var sorted = seriesList.OrderBy(s => SortKey(agg, s)).ToList();
        return PythonSlice.Head(sorted, n);
    }

    private static double SortKey(Aggregators.Aggregator agg, TimeSeries s)
    {
        double v = agg(s.Values);
        return double.IsNaN(v) ? double.NegativeInfinity : v;
    }

    /// <summary>
    /// graphite-web filterSeries: keeps series whose aggregate compares true against threshold. A null
    /// aggregate fails '=', '&gt;', '&gt;=' but passes '!=', '&lt;', '&lt;=' (upstream operatorFuncs).
    /// </summary>
    public static List<TimeSeries> Filter(IReadOnlyList<TimeSeries> seriesList, string func, string op, double threshold)
    {
        var agg = Aggregators.Get(func);
        Func<double, bool> compare = op switch
        {
            "=" => v => !double.IsNaN(v) && v == threshold,
            "!=" => v => double.IsNaN(v) || v != threshold,
            ">" => v => !double.IsNaN(v) && v > threshold,
            ">=" => v => !double.IsNaN(v) && v >= threshold,
            "<" => v => double.IsNaN(v) || v < threshold,
            "<=" => v => double.IsNaN(v) || v <= threshold,
            _ => throw new QueryException($"Unsupported operator: {op}"),
        };
        return seriesList.Where(s => compare(agg(s.Values))).ToList();
    }
}
