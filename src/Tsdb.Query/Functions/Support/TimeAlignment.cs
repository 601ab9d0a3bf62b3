namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web's "align the request start to a calendar unit" (smartSummarize alignTo, hitcount
/// alignToInterval): the start's wall time in the request time zone truncated to the start of its year,
/// month, ISO week (optionally ending in the weekday 1-7 to align to), day, hour, minute or second.
/// </summary>
public static class TimeAlignment
{
    /// <summary>attime.getUnitString: the unit word by prefix (s, min, h, d, w, mon, y).</summary>
    public static string UnitString(string s)
    {
        if (s.StartsWith('s')) return "seconds";
        if (s.StartsWith("min", StringComparison.Ordinal)) return "minutes";
        if (s.StartsWith('h')) return "hours";
        if (s.StartsWith('d')) return "days";
        if (s.StartsWith('w')) return "weeks";
        if (s.StartsWith("mon", StringComparison.Ordinal)) return "months";
        if (s.StartsWith('y')) return "years";
        throw new QueryException($"Invalid offset unit '{s}'");
    }

    public static long AlignStart(long start, TimeZoneInfo zone, string alignTo)
    {
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(start), zone).DateTime;
        DateTime aligned = UnitString(alignTo) switch
        {
            "years" => new DateTime(local.Year, 1, 1),
            "months" => new DateTime(local.Year, local.Month, 1),
            "weeks" => local.Date.AddDays(-WeekDaysBack(local, alignTo)),
            "days" => local.Date,
            "hours" => new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0),
            "minutes" => new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0),
            _ => new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, local.Second),
        };
        return ToEpoch(aligned, zone);
    }

    /// <summary>Days back to the ISO weekday to align to (1 = Monday, default; "weeks3" = Wednesday).</summary>
    private static int WeekDaysBack(DateTime local, string alignTo)
    {
        int target = char.IsAsciiDigit(alignTo[^1]) ? alignTo[^1] - '0' : 1;
        int isoWeekday = local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek;
        int back = isoWeekday - target;
        return back < 0 ? back + 7 : back;
    }

    /// <summary>A wall time in the zone as epoch seconds (pytz-style: the offset in force at that wall time).</summary>
    public static long ToEpoch(DateTime wallTime, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(wallTime, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(unspecified) ? zone.GetUtcOffset(unspecified.AddHours(1)) : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUnixTimeSeconds();
    }
}
