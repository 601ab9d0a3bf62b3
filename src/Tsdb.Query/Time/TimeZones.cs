namespace Tsdb.Query.Time;

/// <summary>
/// The request 'tz' parameter: an IANA name looked up like pytz.timezone; an unknown name is ignored
/// (graphite-web render/views.py parseOptions catches UnknownTimeZoneError) and the default applies.
/// </summary>
public static class TimeZones
{
    public static TimeZoneInfo Resolve(string? name, TimeZoneInfo? fallback = null)
    {
        fallback ??= TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(name)) return fallback;
        if (string.Equals(name, "UTC", StringComparison.OrdinalIgnoreCase)) return TimeZoneInfo.Utc;
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            return fallback;
        }
    }

    /// <summary>pytz localize(is_dst=False): a wall-clock time in the zone as an instant; ambiguous and
    /// skipped (DST gap) times take the standard offset, as pytz does by default.</summary>
    public static DateTimeOffset Localize(DateTime wallClock, TimeZoneInfo tz)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        TimeSpan offset = tz.IsInvalidTime(local) || tz.IsAmbiguousTime(local)
            ? StandardOffset(tz, local)
            : tz.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }

    private static TimeSpan StandardOffset(TimeZoneInfo tz, DateTime local)
    {
        var rule = tz.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && local <= r.DateEnd);
        return tz.BaseUtcOffset + (rule?.BaseUtcOffsetDelta ?? TimeSpan.Zero);
    }
}
