using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web's normalize() and TimeSeries consolidation (render/functions.py, render/datalib.py).
/// Multi-series functions bring every input to the least common multiple of their steps by
/// consolidating each one by LCM / own step; start = min start, end = max end trimmed to a whole
/// number of steps from start. Inputs are never modified: graphite-web sets valuesPerPoint on the
/// inputs, here the consolidated values are returned instead.
/// </summary>
public static class StepNormalizer
{
    /// <summary>
    /// The consolidated values of each input (same order) and the common start/end/step. The values are read-only:
    /// an input whose step already is the common one is given as its own array, not a copy.
    /// </summary>
    public sealed record Normalized(IReadOnlyList<TimeSeries> Series, IReadOnlyList<double[]> Values, long Start, long End, long Step);

    /// <summary>Null when the list is empty (graphite-web raises NormalizeEmptyResultError).</summary>
    public static Normalized? Normalize(IReadOnlyList<TimeSeries> series, double requestXFilesFactor)
    {
        if (series.Count == 0) return null;
        long step = series[0].Step;
        foreach (var s in series) step = Lcm(step, s.Step);
        var values = new double[series.Count][];
        for (int i = 0; i < values.Length; i++)
        {
            var s = series[i];
            values[i] = step / s.Step <= 1 ? s.Values : Consolidate(s, step / s.Step, requestXFilesFactor);
        }
        long start = series.Min(s => s.Start);
        long end = series.Max(s => s.End);
        end -= (end - start) % step;
        return new Normalized(series, values, start, end, step);
    }

    public static long Lcm(long a, long b)
    {
        if (a == b) return a;
        if (a < b) (a, b) = (b, a);
        return a / Gcd(a, b) * b;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    /// <summary>
    /// The values a Python iteration of the series yields with valuesPerPoint = <paramref name="valuesPerPoint"/>:
    /// chunks of that many raw values (the last may be short); a chunk with k non-nulls gives
    /// cf(non-nulls) when k &gt; 0 and k / valuesPerPoint &gt;= the series' xFilesFactor, else null.
    /// avg_zero counts nulls as 0 and divides by the chunk's length.
    /// </summary>
    public static double[] Consolidate(TimeSeries series, long valuesPerPoint, double requestXFilesFactor)
    {
        var raw = series.Values;
        if (valuesPerPoint <= 1) return (double[])raw.Clone();
        double xff = series.XFilesFactor ?? requestXFilesFactor;
        string cf = series.ConsolidationFunc;
        int vpp = (int)valuesPerPoint;
        var result = new double[(raw.Length + vpp - 1) / vpp];
        for (int c = 0; c < result.Length; c++)
        {
            int from = c * vpp;
            int to = Math.Min(raw.Length, from + vpp);
            result[c] = ConsolidateChunk(raw.AsSpan(from, to - from), cf, vpp, xff);
        }
        return result;
    }

    private static double ConsolidateChunk(ReadOnlySpan<double> chunk, string cf, int vpp, double xff)
    {
        int nonNull = 0;
        double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
        double first = double.NaN, last = double.NaN;
        foreach (var v in chunk)
        {
            if (double.IsNaN(v)) continue;
            if (nonNull == 0) first = v;
            last = v;
            nonNull++;
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
        if (nonNull == 0 || (double)nonNull / vpp < xff) return double.NaN;
        return cf switch
        {
            "sum" => sum,
            "average" or "avg" => sum / nonNull,
            "avg_zero" => sum / chunk.Length,
            "max" => max,
            "min" => min,
            "first" => first,
            "last" => last,
            _ => throw new InvalidOperationException($"Invalid consolidation function: '{cf}'"),
        };
    }
}
