using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Time;

/// <summary>
/// graphite-web's parseATTime (render/attime.py): absolute and relative times as used by from/until/now.
/// Errors are <see cref="QueryException"/>s carrying the Python error text (e.g. "Invalid offset unit 'm'").
/// </summary>
public static class AtTimeParser
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    /// <summary>Epoch seconds of <paramref name="text"/> in <paramref name="tz"/>, relative to <paramref name="now"/> (epoch seconds).</summary>
    public static long ParseEpoch(string text, TimeZoneInfo tz, long now) =>
        Parse(text, tz, DateTimeOffset.FromUnixTimeSeconds(now)).ToUnixTimeSeconds();

    public static DateTimeOffset Parse(string text, TimeZoneInfo tz, DateTimeOffset now)
    {
        try
        {
            return ParseCore(text, tz, now);
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new QueryException(e.Message);
        }
    }

    /// <summary>parseTimeOffset: "+1h30min", "-2d", "1w" (no sign = positive) as a duration.</summary>
    public static TimeSpan ParseOffset(string offset)
    {
        try
        {
            return TimeSpan.FromSeconds(OffsetSeconds(offset));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new QueryException(e.Message);
        }
    }

    private static DateTimeOffset ParseCore(string text, TimeZoneInfo tz, DateTimeOffset now)
    {
        string s = text.Trim().ToLowerInvariant().Replace("_", "").Replace(",", "").Replace(" ", "");
        if (s.Length > 0 && s.All(char.IsAsciiDigit))
        {
            // Eight digits that look like a date are YYYYMMDD, anything else is epoch seconds.
            bool looksLikeDate = s.Length == 8 && int.Parse(s[..4]) > 1900 && int.Parse(s[4..6]) < 13 && int.Parse(s[6..]) < 32;
            if (!looksLikeDate)
            {
                if (!long.TryParse(s, out var epoch) || epoch > 253402300799L)
                    throw new OverflowException("timestamp out of range for platform time_t");
                return TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(epoch), tz);
            }
        }
        string reference, offset;
        int plus = s.IndexOf('+'), minus = s.IndexOf('-');
        int split = plus >= 0 ? plus : minus;
        if (split >= 0) { reference = s[..split]; offset = s[split..]; }
        else { reference = s; offset = ""; }
        var at = ParseReference(reference, tz, TimeZoneInfo.ConvertTime(now, tz));
        return TimeZoneInfo.ConvertTime(at.AddSeconds(OffsetSeconds(offset)), tz);
    }

    private static DateTimeOffset ParseReference(string reference, TimeZoneInfo tz, DateTimeOffset now)
    {
        if (reference.Length == 0 || reference == "now") return now;
        string raw = reference, r = reference;
        long hour = 0, minute = 0;

        int colon = r.IndexOf(':');
        if (colon is > 0 and < 3)
        {
            hour = PythonParse.Int(r[..colon]);
            minute = PythonParse.Int(Slice(r, colon + 1, colon + 3));
            r = Slice(r, colon + 3, r.Length);
            if (r.StartsWith("am", StringComparison.Ordinal)) r = r[2..];
            else if (r.StartsWith("pm", StringComparison.Ordinal)) { hour = (hour + 12) % 24; r = r[2..]; }
        }
        int am = r.IndexOf("am", StringComparison.Ordinal);
        if (am is > 0 and < 3) { hour = PythonParse.Int(r[..am]); r = r[(am + 2)..]; }
        int pm = r.IndexOf("pm", StringComparison.Ordinal);
        if (pm is > 0 and < 3) { hour = (PythonParse.Int(r[..pm]) + 12) % 24; r = r[(pm + 2)..]; }

        if (r.StartsWith("noon", StringComparison.Ordinal)) { hour = 12; minute = 0; r = r[4..]; }
        else if (r.StartsWith("midnight", StringComparison.Ordinal)) { hour = 0; minute = 0; r = r[8..]; }
        else if (r.StartsWith("teatime", StringComparison.Ordinal)) { hour = 16; minute = 0; r = r[7..]; }

        if (hour is < 0 or > 23) throw new FormatException("hour must be in 0..23");
        if (minute is < 0 or > 59) throw new FormatException("minute must be in 0..59");
        var today = now.DateTime.Date;
        DateTime refDate = today.AddHours(hour).AddMinutes(minute);

        if (r is "yesterday" or "today" or "tomorrow")
        {
            if (r == "yesterday") refDate = refDate.AddDays(-1);
            else if (r == "tomorrow") refDate = refDate.AddDays(1);
        }
        else if (r.Count(c => c == '/') == 2)
        {
            var parts = r.Split('/');
            long m = PythonParse.Int(parts[0]), d = PythonParse.Int(parts[1]), y = PythonParse.Int(parts[2]);
            if (y < 1900) y += 1900;
            if (y < 1970) y += 100;
            refDate = MakeDate(y, m, d, hour, minute);
        }
        else if (r.Length == 8 && r.All(char.IsAsciiDigit))
        {
            refDate = MakeDate(long.Parse(r[..4]), long.Parse(r[4..6]), long.Parse(r[6..]), hour, minute);
        }
        else if (Array.IndexOf(Months, Slice(r, 0, 3)) >= 0)
        {
            long day;
            if (r.Length >= 2 && r[^2..].All(char.IsAsciiDigit)) day = long.Parse(r[^2..]);
            else if (r.Length >= 1 && char.IsAsciiDigit(r[^1])) day = r[^1] - '0';
            else throw new FormatException("Day of month required after month name");
            refDate = MakeDate(refDate.Year, Array.IndexOf(Months, r[..3]) + 1, day, hour, minute);
        }
        else if (Array.IndexOf(Weekdays, Slice(r, 0, 3)) >= 0)
        {
            // Most recent such weekday, today included.
            int todayIndex = (int)refDate.DayOfWeek;
            int dayOffset = todayIndex - Array.IndexOf(Weekdays, r[..3]);
            if (dayOffset < 0) dayOffset += 7;
            refDate = refDate.AddDays(-dayOffset);
        }
        else if (r.Length > 0)
        {
            throw new FormatException($"Unknown day reference: {raw}");
        }
        return TimeZones.Localize(refDate, tz);
    }

    private static DateTime MakeDate(long year, long month, long day, long hour, long minute)
    {
        if (year is < 1 or > 9999) throw new FormatException($"year {year} is out of range");
        if (month is < 1 or > 12) throw new FormatException("month must be in 1..12");
        if (day < 1 || day > DateTime.DaysInMonth((int)year, (int)month)) throw new FormatException("day is out of range for month");
        return new DateTime((int)year, (int)month, (int)day, (int)hour, (int)minute, 0);
    }

    /// <summary>parseTimeOffset with Python's error texts as FormatExceptions, which the public entry points turn into QueryExceptions.</summary>
    private static long OffsetSeconds(string offset)
        => TimeOffsetParser.Seconds(offset, (problem, part) => problem switch
        {
            TimeOffsetParser.Problem.Sign => new FormatException($"Invalid offset: {part}"),
            TimeOffsetParser.Problem.Number => PythonParse.IntError(part),
            _ => new FormatException($"Invalid offset unit {PythonRepr.Str(part)}"),
        });

    private static string Slice(string s, int from, int to)
    {
        from = Math.Min(from, s.Length);
        to = Math.Min(to, s.Length);
        return to > from ? s[from..to] : "";
    }
}
