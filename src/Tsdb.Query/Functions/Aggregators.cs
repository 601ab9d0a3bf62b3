namespace Tsdb.Query.Functions;

/// <summary>
/// graphite-web functions/aggfuncs.py: the aggregation functions shared by aggregate()/sumSeries &amp; co,
/// consolidateBy/maxDataPoints consolidation and groupByNode callbacks. Input rows use NaN for null.
/// Every function returns NaN (null) when the row has no non-null value, except count (0).
/// A trailing "Series" on the name is accepted (sumSeries -> sum).
/// </summary>
public static class Aggregators
{
    public delegate double Aggregator(ReadOnlySpan<double> row);

    /// <summary>Names accepted by aggFunc parameters, sorted as graphite-web lists them in /functions.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["average", "avg", "avg_zero", "count", "current", "diff", "last", "max", "median", "min",
         "multiply", "range", "rangeOf", "stddev", "sum", "total"];

    public static bool TryGet(string name, out Aggregator aggregator)
    {
        if (name.EndsWith("Series", StringComparison.Ordinal)) name = name[..^"Series".Length];
        aggregator = name switch
        {
            "average" or "avg" => Average,
            "avg_zero" => AverageZero,
            "median" => Median,
            "sum" or "total" => Sum,
            "min" => Min,
            "max" => Max,
            "diff" => Diff,
            "stddev" => StdDev,
            "count" => Count,
            "range" or "rangeOf" => Range,
            "multiply" => Multiply,
            "last" or "current" => Last,
            _ => null!,
        };
        return aggregator is not null;
    }

    public static Aggregator Get(string name) =>
        TryGet(name, out var a) ? a : throw new QueryException($"Unsupported aggregation function: {name}");

    public static double Average(ReadOnlySpan<double> row)
    {
        double sum = 0; int n = 0;
        foreach (var v in row) if (!double.IsNaN(v)) { sum += v; n++; }
        return n == 0 ? double.NaN : sum / n;
    }

    /// <summary>Nulls count as 0; divided by the row length.</summary>
    public static double AverageZero(ReadOnlySpan<double> row)
    {
        if (row.Length == 0) return double.NaN;
        double sum = 0; int n = 0;
        foreach (var v in row) if (!double.IsNaN(v)) { sum += v; n++; }
        return n == 0 ? double.NaN : sum / row.Length;
    }

    public static double Median(ReadOnlySpan<double> row)
    {
        var vals = NonNull(row);
        if (vals.Length == 0) return double.NaN;
        Array.Sort(vals);
        int mid = vals.Length / 2;
        return vals.Length % 2 == 1 ? vals[mid] : (vals[mid - 1] + vals[mid]) / 2.0;
    }

    public static double Sum(ReadOnlySpan<double> row)
    {
        double sum = 0; int n = 0;
        foreach (var v in row) if (!double.IsNaN(v)) { sum += v; n++; }
        return n == 0 ? double.NaN : sum;
    }

    public static double Min(ReadOnlySpan<double> row)
    {
        double m = double.NaN;
        foreach (var v in row) if (!double.IsNaN(v) && (double.IsNaN(m) || v < m)) m = v;
        return m;
    }

    public static double Max(ReadOnlySpan<double> row)
    {
        double m = double.NaN;
        foreach (var v in row) if (!double.IsNaN(v) && (double.IsNaN(m) || v > m)) m = v;
        return m;
    }

    /// <summary>First non-null minus every other non-null.</summary>
    public static double Diff(ReadOnlySpan<double> row)
    {
        double result = double.NaN; bool first = true;
        foreach (var v in row)
        {
            if (double.IsNaN(v)) continue;
            if (first) { result = v; first = false; }
            else result -= v;
        }
        return result;
    }

    /// <summary>Population standard deviation of the non-nulls.</summary>
    public static double StdDev(ReadOnlySpan<double> row)
    {
        var vals = NonNull(row);
        if (vals.Length == 0) return double.NaN;
        double mean = 0;
        foreach (var v in vals) mean += v;
        mean /= vals.Length;
        double sq = 0;
        foreach (var v in vals) sq += (v - mean) * (v - mean);
        return Math.Sqrt(sq / vals.Length);
    }

    public static double Count(ReadOnlySpan<double> row)
    {
        int n = 0;
        foreach (var v in row) if (!double.IsNaN(v)) n++;
        return n;
    }

    public static double Range(ReadOnlySpan<double> row)
    {
        double max = Max(row);
        return double.IsNaN(max) ? double.NaN : max - Min(row);
    }

    /// <summary>Null if any value is null.</summary>
    public static double Multiply(ReadOnlySpan<double> row)
    {
        if (row.Length == 0) return double.NaN;
        double p = 1;
        foreach (var v in row)
        {
            if (double.IsNaN(v)) return double.NaN;
            p *= v;
        }
        return p;
    }

    public static double Last(ReadOnlySpan<double> row)
    {
        for (int i = row.Length - 1; i >= 0; i--) if (!double.IsNaN(row[i])) return row[i];
        return double.NaN;
    }

    private static double[] NonNull(ReadOnlySpan<double> row)
    {
        var list = new List<double>(row.Length);
        foreach (var v in row) if (!double.IsNaN(v)) list.Add(v);
        return list.ToArray();
    }
}
