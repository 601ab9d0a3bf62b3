using Tsdb.Query.Model;

namespace Tsdb.Query.Api.Render;

/// <summary>
/// maxDataPoints for JSON output (graphite-web render/views.py renderViewJson). Over the whole response
/// R = max end - min start; per series with n = R/step &gt; maxDataPoints: vpp = ceil(n/maxDataPoints),
/// start is nudged to a multiple of vpp*step and (nudge/step - 1) leading values are dropped. The "- 1" is
/// upstream's off-by-one, kept for parity: the first bucket is labelled one step late.
/// maxDataPoints == 1 folds each series into one point at its start.
/// </summary>
public static class MaxDataPoints
{
    /// <summary>Sets Start/Values/ValuesPerPoint on every series in place (callers own the list).</summary>
    public static void Apply(IReadOnlyList<TimeSeries> data, int maxDataPoints)
    {
        var drops = ApplyKeepingValues(data, maxDataPoints);
        for (int i = 0; i < data.Count; i++)
        {
            int drop = drops[i];
            if (drop == 0) continue;
            var series = data[i];
            series.Values = series.Values[drop..];
            if (series.IntegerValues is { } ints) series.IntegerValues = ints[Math.Min(drop, ints.Length)..];
        }
    }

    /// <summary>
    /// <see cref="Apply"/> without removing the leading values: sets Start/ValuesPerPoint and returns, per series,
    /// how many leading values (and integer marks) the answer leaves out.
    /// </summary>
    public static int[] ApplyKeepingValues(IReadOnlyList<TimeSeries> data, int maxDataPoints)
    {
        var drops = new int[data.Count];
        if (data.Count == 0) return drops;
        long startTime = data.Min(s => s.Start);
        long endTime = data.Max(s => s.End);
        long timeRange = endTime - startTime;
        for (int i = 0; i < data.Count; i++)
        {
            var series = data[i];
            if (maxDataPoints == 1)
            {
                series.ValuesPerPoint = series.Values.Length;
                continue;
            }
            if (series.Step <= 0) continue;
            double numberOfDataPoints = (double)timeRange / series.Step;
            if (maxDataPoints >= numberOfDataPoints) continue;
            int valuesPerPoint = (int)Math.Ceiling(numberOfDataPoints / maxDataPoints);
            long secondsPerPoint = valuesPerPoint * series.Step;
            long nudge = secondsPerPoint + PyMod(series.Start, series.Step) - PyMod(series.Start, secondsPerPoint);
            series.Start += nudge;
            drops[i] = (int)Math.Max(0, Math.Min(series.Values.Length, nudge / series.Step - 1));
            series.ValuesPerPoint = valuesPerPoint;
        }
        return drops;
    }

    private static long PyMod(long a, long b) => ((a % b) + b) % b;
}
