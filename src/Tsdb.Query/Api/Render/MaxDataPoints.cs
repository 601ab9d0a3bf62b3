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
        if (data.Count == 0) return;
        long startTime = data.Min(s => s.Start);
        long endTime = data.Max(s => s.End);
        long timeRange = endTime - startTime;
        foreach (var series in data)
        {
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
            int drop = (int)Math.Max(0, Math.Min(series.Values.Length, nudge / series.Step - 1));
            if (drop > 0)
            {
                series.Values = series.Values[drop..];
                if (series.IntegerValues is { } ints) series.IntegerValues = ints[Math.Min(drop, ints.Length)..];
            }
            series.ValuesPerPoint = valuesPerPoint;
        }
    }

    private static long PyMod(long a, long b) => ((a % b) + b) % b;
}
