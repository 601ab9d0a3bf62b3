using System.Numerics;
using System.Runtime.InteropServices;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// The sums and non-null counts of every window of <c>n</c> consecutive values, bit for bit what graphite-web's
/// <c>sum([v for v in window if v is not None])</c> gives per window: each window is added up from its first
/// value to its last, starting at +0.0, nulls (NaN) skipped. A null adds +0.0 instead, which leaves a sum as it
/// is (a sum that starts at +0.0 is never -0.0), so the additions of several windows can run side by side in
/// vector lanes: lane k of a vector holds window w + k and adds value w + k + j at step j, the same values in
/// the same order as window w + k alone. A running sum (add the entering value, subtract the leaving one)
/// would be O(values) but rounds differently, and Grafana users compare against graphite-web.
/// </summary>
public static class WindowSums
{
    /// <summary>For every k in [0, sums.Length): sums[k] = the sum of the non-null values of
    /// values[k .. k + n), counts[k] = how many there are. values.Length must be at least sums.Length + n - 1.</summary>
    public static void Compute(ReadOnlySpan<double> values, int n, Span<double> sums, Span<int> counts)
    {
        if (counts.Length != sums.Length || values.Length < sums.Length + n - 1)
            throw new ArgumentException("values must cover every window of sums and counts");
        CountNonNull(values, n, counts);
        int k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            // Four vectors of windows at a time: four independent addition chains keep the adder busy.
            for (; k + 4 * width <= sums.Length; k += 4 * width)
            {
                Vector<double> a = default, b = default, c = default, d = default;
                for (int j = 0; j < n; j++)
                {
                    var from = values.Slice(k + j);
                    a += PresentOrZero(new Vector<double>(from));
                    b += PresentOrZero(new Vector<double>(from.Slice(width)));
                    c += PresentOrZero(new Vector<double>(from.Slice(2 * width)));
                    d += PresentOrZero(new Vector<double>(from.Slice(3 * width)));
                }
                var into = MemoryMarshal.Cast<double, Vector<double>>(sums.Slice(k, 4 * width));
                into[0] = a; into[1] = b; into[2] = c; into[3] = d;
            }
            for (; k + width <= sums.Length; k += width)
            {
                Vector<double> a = default;
                for (int j = 0; j < n; j++) a += PresentOrZero(new Vector<double>(values.Slice(k + j)));
                a.CopyTo(sums.Slice(k));
            }
        }
        for (; k < sums.Length; k++)
        {
            double sum = 0;
            foreach (var v in values.Slice(k, n)) if (!double.IsNaN(v)) sum += v;
            sums[k] = sum;
        }
    }

    private static Vector<double> PresentOrZero(Vector<double> v) =>
        Vector.ConditionalSelect(Vector.Equals(v, v), v, Vector<double>.Zero);

    /// <summary>counts[k] = non-null values in values[k .. k + n): integers, so a running count is exact.</summary>
    private static void CountNonNull(ReadOnlySpan<double> values, int n, Span<int> counts)
    {
        if (counts.Length == 0) return;
        int count = 0;
        for (int i = 0; i < n; i++) if (!double.IsNaN(values[i])) count++;
        counts[0] = count;
        for (int k = 1; k < counts.Length; k++)
        {
            if (!double.IsNaN(values[k - 1])) count--;
            if (!double.IsNaN(values[k + n - 1])) count++;
            counts[k] = count;
        }
    }
}
