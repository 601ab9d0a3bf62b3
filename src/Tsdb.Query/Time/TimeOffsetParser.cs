using Tsdb.Query.Formatting;

namespace Tsdb.Query.Time;

/// <summary>
/// graphite-web render/attime.py parseTimeOffset, the one parser behind from/until offsets
/// (<see cref="AtTimeParser"/>) and render functions' interval arguments
/// (<see cref="Functions.Support.TimeOffset"/>): "5min", "-1d", "+2w", "1h30min" is an optional sign
/// applied to every &lt;int&gt;&lt;unit&gt; group. Units by prefix (getUnitString): s, min, h, d, w,
/// mon (= 30 days), y (= 365 days); a bare "m" is invalid. Empty text is zero. The result is whole
/// seconds, as delta.seconds + delta.days * 86400; an overflow throws <see cref="OverflowException"/>.
/// </summary>
public static class TimeOffsetParser
{
    /// <summary>What made an offset invalid; each caller words it and picks the exception type it needs.</summary>
    public enum Problem
    {
        /// <summary>The first character is neither a digit nor '+'/'-'; the part is the whole offset.</summary>
        Sign,
        /// <summary>A group's number is missing ("") or does not fit a long; the part is its digits.</summary>
        Number,
        /// <summary>A group's unit matches no unit prefix; the part is the unit text (letters, maybe "").</summary>
        Unit,
    }

    /// <summary>The offset in seconds; an invalid one throws what <paramref name="fail"/>(problem, part) returns.</summary>
    public static long Seconds(string offset, Func<Problem, string, Exception> fail)
    {
        if (string.IsNullOrEmpty(offset)) return 0;
        long sign = 1;
        int pos = 0;
        if (!char.IsAsciiDigit(offset[0]))
        {
            sign = offset[0] switch
            {
                '+' => 1,
                '-' => -1,
                _ => throw fail(Problem.Sign, offset),
            };
            pos = 1;
        }
        long total = 0;
        while (pos < offset.Length)
        {
            int numStart = pos;
            while (pos < offset.Length && char.IsAsciiDigit(offset[pos])) pos++;
            string digits = offset[numStart..pos];
            if (!PythonParse.TryInt(digits, out long num)) throw fail(Problem.Number, digits);
            int unitStart = pos;
            while (pos < offset.Length && char.IsLetter(offset[pos])) pos++;
            string unit = offset[unitStart..pos];
            long perUnit = UnitSeconds(unit) ?? throw fail(Problem.Unit, unit);
            total = checked(total + sign * checked(num * perUnit));
        }
        return total;
    }

    /// <summary>Seconds of one unit, matched by prefix like getUnitString; null for no unit.</summary>
    private static long? UnitSeconds(string unit)
    {
        if (unit.StartsWith('s')) return 1;
        if (unit.StartsWith("min", StringComparison.Ordinal)) return 60;
        if (unit.StartsWith('h')) return 3600;
        if (unit.StartsWith('d')) return 86400;
        if (unit.StartsWith('w')) return 7 * 86400;
        if (unit.StartsWith("mon", StringComparison.Ordinal)) return 30 * 86400;
        if (unit.StartsWith('y')) return 365 * 86400;
        return null;
    }
}
