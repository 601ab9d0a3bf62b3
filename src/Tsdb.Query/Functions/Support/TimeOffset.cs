using System.Globalization;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web render/attime.py parseTimeOffset for interval arguments ("5min", "1h", "-1d",
/// "+2w", "1h30min"): an optional sign applied to every &lt;int&gt;&lt;unit&gt; group. Units by prefix:
/// s, min, h, d, w, mon (= 30 days), y (= 365 days); a bare "m" is invalid. Empty text is zero.
/// The result is whole seconds, as graphite-web's delta.seconds + delta.days * 86400.
/// </summary>
public static class TimeOffset
{
    public static long ParseSeconds(string offset)
    {
        if (string.IsNullOrEmpty(offset)) return 0;
        int sign = 1;
        int pos = 0;
        if (!char.IsAsciiDigit(offset[0]))
        {
            sign = offset[0] switch
            {
                '+' => 1,
                '-' => -1,
                _ => throw new QueryException($"Invalid offset: {offset}"),
            };
            pos = 1;
        }
        long total = 0;
        while (pos < offset.Length)
        {
            int numStart = pos;
            while (pos < offset.Length && char.IsAsciiDigit(offset[pos])) pos++;
            if (pos == numStart)
                throw new QueryException($"Invalid offset: {offset}");
            long num = long.Parse(offset.AsSpan(numStart, pos - numStart), CultureInfo.InvariantCulture);
            int unitStart = pos;
            while (pos < offset.Length && char.IsLetter(offset[pos])) pos++;
            string unit = offset[unitStart..pos];
            total += sign * num * UnitSeconds(unit);
        }
        return total;
    }

    /// <summary>Seconds of one unit, matched by prefix like attime.getUnitString.</summary>
    public static long UnitSeconds(string unit)
    {
        if (unit.StartsWith('s')) return 1;
        if (unit.StartsWith("min", StringComparison.Ordinal)) return 60;
        if (unit.StartsWith('h')) return 3600;
        if (unit.StartsWith('d')) return 86400;
        if (unit.StartsWith('w')) return 7 * 86400;
        if (unit.StartsWith("mon", StringComparison.Ordinal)) return 30 * 86400;
        if (unit.StartsWith('y')) return 365 * 86400;
        throw new QueryException($"Invalid offset unit '{unit}'");
    }
}
