using System.Numerics;

namespace Tsdb.Query.Model;

/// <summary>
/// The values a series yields when iterated (graphite-web TimeSeries.__consolidatingGenerator,
/// render/datalib.py): with ValuesPerPoint &gt; 1 every chunk of that many values (the last may be short)
/// becomes cf(non-nulls) if the chunk has any and nonNull/valuesPerPoint &gt;= xFilesFactor, else null.
/// cf: average/avg, avg_zero (nulls count as 0), sum, min, max, first, last. Python ints survive
/// sum/min/max/first/last when every input of the chunk is an int.
/// </summary>
public static class SeriesConsolidation
{
    /// <summary>A yielded value: NaN is null; IsInteger marks a Python int.</summary>
    public readonly record struct Point(double Value, bool IsInteger);

    public static List<Point> Values(TimeSeries series, double defaultXFilesFactor = 0)
    {
        var values = series.Values;
        var ints = series.IntegerValues;
        var result = new List<Point>(values.Length);
        int vpp = series.ValuesPerPoint;
        if (vpp <= 1)
        {
            for (int i = 0; i < values.Length; i++)
                result.Add(new Point(values[i], ints is not null && i < ints.Length && ints[i] && !double.IsNaN(values[i])));
            return result;
        }
        string cf = series.ConsolidationFunc == "avg" ? "average" : series.ConsolidationFunc;
        if (cf is not ("average" or "avg_zero" or "sum" or "min" or "max" or "first" or "last"))
            throw new InvalidOperationException($"Invalid consolidation function: '{series.ConsolidationFunc}'");
        double xff = series.XFilesFactor ?? defaultXFilesFactor;
        var buf = new List<Point>(vpp);
        int count = 0, nonNull = 0;
        for (int i = 0; i < values.Length; i++)
        {
            count++;
            if (!double.IsNaN(values[i]))
            {
                buf.Add(new Point(values[i], ints is not null && i < ints.Length && ints[i]));
                nonNull++;
            }
            else if (cf == "avg_zero")
            {
                buf.Add(new Point(0, true));
            }
            if (count == vpp)
            {
                result.Add(Chunk(cf, buf, nonNull, vpp, xff));
                buf.Clear();
                count = nonNull = 0;
            }
        }
        if (count > 0) result.Add(Chunk(cf, buf, nonNull, vpp, xff));
        return result;
    }

    private static Point Chunk(string cf, List<Point> buf, int nonNull, int vpp, double xff)
    {
        if (nonNull == 0 || (double)nonNull / vpp < xff) return new Point(double.NaN, false);
        bool allInt = buf.TrueForAll(p => p.IsInteger);
        switch (cf)
        {
            case "average":
            case "avg_zero":
                return new Point(Sum(buf) / buf.Count, false);
            case "sum":
                return new Point(Sum(buf), allInt);
            case "min":
                return new Point(buf.Min(p => p.Value), allInt);
            case "max":
                return new Point(buf.Max(p => p.Value), allInt);
            case "first":
                return buf[0];
            default:
                return buf[^1];
        }
    }

    /// <summary>Python's sum(): left to right (Python 3.11 has no compensated float sum).</summary>
    private static double Sum(List<Point> buf)
    {
        double s = 0;
        foreach (var p in buf) s += p.Value;
        return s;
    }

    /// <summary>Text of a Python int value (values marked integer are whole numbers).</summary>
    public static string IntText(double v) =>
        Math.Abs(v) < 9e15 ? ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture) : new BigInteger(v).ToString();
}
