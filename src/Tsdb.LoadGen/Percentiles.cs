using System.Globalization;

namespace Tsdb.LoadGen;

/// <summary>Nearest-rank percentiles of a sample (milliseconds in practice).</summary>
public static class Percentiles
{
    /// <summary>The nearest-rank <paramref name="fraction"/> percentile (0.5 = median, 1 = max) of
    /// <paramref name="sorted"/> (ascending); NaN for an empty sample.</summary>
    public static double Of(IReadOnlyList<double> sorted, double fraction)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fraction, 1);
        if (sorted.Count == 0) return double.NaN;
        int rank = (int)Math.Ceiling(fraction * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    /// <summary>"median_ms=1.2 p90_ms=3.4 p99_ms=5.6 max_ms=7.8" with the given key prefix.</summary>
    public static string Summary(IEnumerable<double> sample, string prefix = "")
    {
        var sorted = sample.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{prefix}median_ms={Of(sorted, 0.5):F1} {prefix}p90_ms={Of(sorted, 0.9):F1} {prefix}p99_ms={Of(sorted, 0.99):F1} {prefix}max_ms={Of(sorted, 1):F1}");
    }
}
