namespace Tsdb.Query.Graphs;

/// <summary>
/// One row of glyph.py's xAxisConfigs (borrowed from rrdtool): for a graph of at least <see cref="Seconds"/> per
/// pixel spanning at most <see cref="MaxInterval"/>, where the minor and major grid lines and the labels go and
/// how labels read. Units are seconds (a month is 31 days).
/// </summary>
public sealed record XAxisConfig(double Seconds, int MinorGridUnit, double MinorGridStep, int MajorGridUnit,
    double MajorGridStep, int LabelUnit, double LabelStep, string Format, long? MaxInterval)
{
    public const int Sec = 1, Min = 60, Hour = 3600, Day = 86400;

    /// <summary>graphite-web's DATE_FORMAT setting (its default; Debian's local_settings leaves it).</summary>
    public const string DateFormat = "%m/%d";

    public static readonly XAxisConfig[] All =
    [
        new(0.00, Sec, 5, Min, 1, Sec, 5, "%H:%M:%S", 10 * Min),
        new(0.07, Sec, 10, Min, 1, Sec, 10, "%H:%M:%S", 20 * Min),
        new(0.14, Sec, 15, Min, 1, Sec, 15, "%H:%M:%S", 30 * Min),
        new(0.27, Sec, 30, Min, 2, Min, 1, "%H:%M", 2 * Hour),
        new(0.5, Min, 1, Min, 2, Min, 1, "%H:%M", 2 * Hour),
        new(1.2, Min, 1, Min, 4, Min, 2, "%H:%M", 3 * Hour),
        new(2, Min, 1, Min, 10, Min, 5, "%H:%M", 6 * Hour),
        new(5, Min, 2, Min, 10, Min, 10, "%H:%M", 12 * Hour),
        new(10, Min, 5, Min, 20, Min, 20, "%H:%M", 1 * Day),
        new(30, Min, 10, Hour, 1, Hour, 1, "%H:%M", 2 * Day),
        new(60, Min, 30, Hour, 2, Hour, 2, "%H:%M", 2 * Day),
        new(100, Hour, 2, Hour, 4, Hour, 4, "%a %H:%M", 6 * Day),
        new(255, Hour, 6, Hour, 12, Hour, 12, DateFormat + " %H:%M", 10 * Day),
        new(600, Hour, 6, Day, 1, Day, 1, DateFormat, 14 * Day),
        new(1000, Hour, 12, Day, 1, Day, 1, DateFormat, 365 * Day),
        new(2000, Day, 1, Day, 2, Day, 2, DateFormat, 365 * Day),
        new(4000, Day, 2, Day, 4, Day, 4, DateFormat, 365 * Day),
        new(8000, Day, 3.5, Day, 7, Day, 7, DateFormat, 365 * Day),
        new(16000, Day, 7, Day, 14, Day, 14, DateFormat, 365 * Day),
        new(32000, Day, 15, Day, 30, Day, 30, DateFormat, 365 * Day),
        new(64000, Day, 30, Day, 60, Day, 60, DateFormat + " %Y", null),
        new(100000, Day, 60, Day, 120, Day, 120, DateFormat + " %Y", null),
        new(120000, Day, 120, Day, 240, Day, 240, DateFormat + " %Y", null),
    ];

    /// <summary>setupXAxis: the last row whose seconds-per-pixel fits and whose interval covers the range; else the last row.</summary>
    public static XAxisConfig Choose(double secondsPerPixel, long timeRange)
    {
        XAxisConfig? chosen = null;
        foreach (var c in All)
            if (c.Seconds <= secondsPerPixel && (c.MaxInterval ?? timeRange + 1) >= timeRange) chosen = c;
        return chosen ?? All[^1];
    }

    /// <summary>
    /// find_x_times: the first time at or after <paramref name="start"/> on the unit's grid of <paramref name="step"/>
    /// (seconds, minutes and hours truncated within their parent; days from midnight), and the distance between
    /// marks. Wall-clock fields are those of <paramref name="start"/>'s own offset; marks then advance by elapsed
    /// time, as Python's aware datetime arithmetic does.
    /// </summary>
    public static (DateTimeOffset First, TimeSpan Delta) FirstMark(DateTimeOffset start, int unit, double step)
    {
        if (!(step > 0) || (step != Math.Floor(step) && unit != Day)) throw new GraphException($"Invalid step value: {step}");
        int s = (int)step;
        DateTimeOffset dt;
        TimeSpan delta;
        switch (unit)
        {
            case Sec:
                dt = Replace(start, start.Hour, start.Minute, start.Second - start.Second % s);
                delta = TimeSpan.FromSeconds(step);
                break;
            case Min:
                dt = Replace(start, start.Hour, start.Minute - start.Minute % s, 0);
                delta = TimeSpan.FromMinutes(step);
                break;
            case Hour:
                dt = Replace(start, start.Hour - start.Hour % s, 0, 0);
                delta = TimeSpan.FromHours(step);
                break;
            case Day:
                dt = Replace(start, 0, 0, 0);
                delta = TimeSpan.FromDays(step);
                break;
            default:
                throw new GraphException($"Invalid unit: {unit}");
        }
        while (dt < start) dt += delta;
        return (dt, delta);
    }

    // datetime.replace keeps the tzinfo (pytz: the offset in force at the original time), microseconds too.
    private static DateTimeOffset Replace(DateTimeOffset t, int hour, int minute, int second) =>
        new DateTimeOffset(t.Year, t.Month, t.Day, hour, minute, second, t.Offset).AddTicks(t.Ticks % TimeSpan.TicksPerSecond);
}
