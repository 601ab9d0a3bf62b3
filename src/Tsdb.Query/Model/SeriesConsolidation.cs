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
        int length = Length(series);
        var values = new double[length];
        var ints = new bool[length];
        Consolidate(series, defaultXFilesFactor, values, ints);
        var result = new List<Point>(length);
        for (int i = 0; i < length; i++) result.Add(new Point(values[i], ints[i]));
        return result;
    }

    /// <summary>How many values <see cref="Values"/> yields: ceil(values / valuesPerPoint).</summary>
    public static int Length(TimeSeries series)
    {
        int n = series.Values.Length, vpp = series.ValuesPerPoint;
        return vpp <= 1 ? n : (n + vpp - 1) / vpp;
    }

    /// <summary>
    /// <see cref="Values"/> written into <paramref name="values"/> and <paramref name="ints"/> (each at least
    /// <see cref="Length"/> long) without a list: NaN is null, <paramref name="ints"/>[i] marks a Python int.
    /// Returns the count written.
    /// </summary>
    public static int Consolidate(TimeSeries series, double defaultXFilesFactor, Span<double> values, Span<bool> ints)
        => Consolidate(series, defaultXFilesFactor, values, ints, 0);

    /// <summary>
    /// <see cref="Consolidate(TimeSeries, double, Span{double}, Span{bool})"/> as if the first <paramref name="skip"/>
    /// values (and integer marks) of the series had been removed; <see cref="Length(TimeSeries, int)"/> gives the count.
    /// </summary>
    public static int Consolidate(TimeSeries series, double defaultXFilesFactor, Span<double> values, Span<bool> ints, int skip)
    {
        ReadOnlySpan<double> raw = series.Values.AsSpan(Math.Min(skip, series.Values.Length));
        bool[]? marks = series.IntegerValues;
        ReadOnlySpan<bool> rawInts = marks is null ? default : marks.AsSpan(Math.Min(skip, marks.Length));
        return Consolidate(series, raw, marks is not null, rawInts, defaultXFilesFactor, values, ints);
    }

    /// <summary>How many values remain after skipping <paramref name="skip"/> and consolidating.</summary>
    public static int Length(TimeSeries series, int skip)
    {
        int n = Math.Max(0, series.Values.Length - skip), vpp = series.ValuesPerPoint;
        return vpp <= 1 ? n : (n + vpp - 1) / vpp;
    }

    private static int Consolidate(TimeSeries series, ReadOnlySpan<double> raw, bool hasInts, ReadOnlySpan<bool> rawInts,
        double defaultXFilesFactor, Span<double> values, Span<bool> ints)
    {
        int vpp = series.ValuesPerPoint;
        if (vpp <= 1)
        {
            raw.CopyTo(values);
            if (!hasInts) ints[..raw.Length].Clear();
            else
                for (int i = 0; i < raw.Length; i++)
                    ints[i] = i < rawInts.Length && rawInts[i] && !double.IsNaN(raw[i]);
            return raw.Length;
        }
        string cf = series.ConsolidationFunc == "avg" ? "average" : series.ConsolidationFunc;
        int kind = cf switch
        {
            "average" => Average, "avg_zero" => AvgZero, "sum" => SumCf, "min" => MinCf, "max" => MaxCf,
            "first" => First, "last" => LastCf,
            _ => throw new InvalidOperationException($"Invalid consolidation function: '{series.ConsolidationFunc}'"),
        };
        double xff = series.XFilesFactor ?? defaultXFilesFactor;
        int count = 0;
        if (!hasInts && kind is Average or SumCf)
        {
            // Floats only: sum and count of the non-nulls per chunk.
            ints[..((raw.Length + vpp - 1) / vpp)].Clear();
            for (int from = 0; from < raw.Length; from += vpp)
            {
                int to = Math.Min(raw.Length, from + vpp);
                double sum = 0;
                int nonNull = 0;
                for (int i = from; i < to; i++)
                {
                    double v = raw[i];
                    if (double.IsNaN(v)) continue;
                    sum += v;
                    nonNull++;
                }
                values[count++] = nonNull == 0 || (double)nonNull / vpp < xff ? double.NaN : kind == SumCf ? sum : sum / nonNull;
            }
            return count;
        }
        for (int from = 0; from < raw.Length; from += vpp)
        {
            int to = Math.Min(raw.Length, from + vpp);
            (values[count], ints[count]) = Chunk(kind, raw, rawInts, from, to, vpp, xff);
            count++;
        }
        return count;
    }

    private const int Average = 0, AvgZero = 1, SumCf = 2, MinCf = 3, MaxCf = 4, First = 5, LastCf = 6;

    /// <summary>
    /// One chunk raw[from..to): cf over its non-nulls in order (avg_zero: nulls are int 0s), null when it has no
    /// non-null or non-nulls / valuesPerPoint &lt; xFilesFactor. Python ints survive sum/min/max/first/last
    /// when every input is an int; min/max keep the first of equal values (as Enumerable.Min/Max).
    /// </summary>
    private static (double, bool) Chunk(int kind, ReadOnlySpan<double> raw, ReadOnlySpan<bool> rawInts, int from, int to, int vpp, double xff)
    {
        int nonNull = 0;
        double sum = 0, min = 0, max = 0, first = 0, last = 0;
        bool allInt = true, firstInt = false, lastInt = false;
        for (int i = from; i < to; i++)
        {
            double v = raw[i];
            if (double.IsNaN(v)) continue;
            bool isInt = i < rawInts.Length && rawInts[i];
            if (nonNull == 0) { first = min = max = v; firstInt = isInt; }
            else
            {
                if (v < min) min = v;
                if (v > max) max = v;
            }
            last = v;
            lastInt = isInt;
            allInt &= isInt;
            sum += v;
            nonNull++;
        }
        if (nonNull == 0 || (double)nonNull / vpp < xff) return (double.NaN, false);
        return kind switch
        {
            Average => (sum / nonNull, false),
            AvgZero => (sum / (to - from), false),
            SumCf => (sum, allInt),
            MinCf => (min, allInt),
            MaxCf => (max, allInt),
            First => (first, firstInt),
            _ => (last, lastInt),
        };
    }

    /// <summary>Text of a Python int value (values marked integer are whole numbers).</summary>
    public static string IntText(double v) =>
        Math.Abs(v) < 9e15 ? ((long)v).ToString(System.Globalization.CultureInfo.InvariantCulture) : new BigInteger(v).ToString();
}
