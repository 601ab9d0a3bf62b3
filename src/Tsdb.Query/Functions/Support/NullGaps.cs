namespace Tsdb.Query.Functions.Support;

/// <summary>
/// The runs of nulls interpolate and keepLastValue fill: maximal runs that follow a value (leading
/// nulls have nothing to fill from, so they are no gap).
/// </summary>
public static class NullGaps
{
    /// <summary>
    /// Calls <paramref name="gap"/>(start, count, closed) for each gap in order: start is the index of
    /// its first null, closed says a value follows it (false only for a trailing gap). The callback may
    /// overwrite the gap's own points; the scan never reads them again.
    /// </summary>
    public static void ForEach(double[] values, Action<int, int, bool> gap)
    {
        int start = -1;
        bool afterValue = false;
        for (int i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                if (start < 0) start = i;
                continue;
            }
            if (start >= 0 && afterValue) gap(start, i - start, true);
            start = -1;
            afterValue = true;
        }
        if (start >= 0 && afterValue) gap(start, values.Length - start, false);
    }
}
