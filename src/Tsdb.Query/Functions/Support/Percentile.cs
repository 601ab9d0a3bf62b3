namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web _getPercentile (render/functions.py, NIST method): over the sorted non-null points,
/// fractional rank = n/100 * (count + 1); without interpolation the rank is rounded up; rank 0 gives the
/// smallest, rank count + 1 the largest. With interpolation the fractional part blends towards the next
/// value. Null (NaN) when there is no non-null point.
/// </summary>
public static class Percentile
{
    public static double Of(IEnumerable<double> points, double n, bool interpolate = false)
    {
        var sorted = points.Where(p => !double.IsNaN(p)).ToList();
        if (sorted.Count == 0) return double.NaN;
        sorted.Sort();
        double fractionalRank = n / 100.0 * (sorted.Count + 1);
        long rank = (long)fractionalRank;
        double rankFraction = fractionalRank - rank;
        if (!interpolate) rank += (long)Math.Ceiling(rankFraction);

        double percentile;
        if (rank == 0) percentile = sorted[0];
        else if (rank - 1 == sorted.Count) percentile = sorted[^1];
        else percentile = sorted[PythonIndex(rank - 1, sorted.Count)];

        if (interpolate && rank != sorted.Count)
            percentile += rankFraction * (sorted[PythonIndex(rank, sorted.Count)] - percentile);
        return percentile;
    }

    /// <summary>Python list indexing (negative from the end); out of range is graphite-web's IndexError (a 500 there).</summary>
    private static int PythonIndex(long i, int count)
    {
        long at = i < 0 ? count + i : i;
        if (at < 0 || at >= count) throw new QueryException("list index out of range");
        return (int)at;
    }
}
