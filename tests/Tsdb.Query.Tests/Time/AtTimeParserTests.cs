using Tsdb.Query.Functions;
using Tsdb.Query.Time;

namespace Tsdb.Query.Tests.Time;

/// <summary>Cases adapted from graphite-web webapp/tests/test_attime.py and the spec's §4.2 examples.</summary>
public class AtTimeParserTests
{
    private static readonly TimeZoneInfo La = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    /// <summary>test_attime's mocked clock: 2015-03-08 12:00 local (the US DST switch day).</summary>
    private static DateTimeOffset NowIn(TimeZoneInfo tz) => TimeZones.Localize(new DateTime(2015, 3, 8, 12, 0, 0), tz);

    private static string Local(string text, TimeZoneInfo tz) =>
        AtTimeParser.Parse(text, tz, NowIn(tz)).ToString("yyyy-MM-dd HH:mm:ss zzz");

    [Theory]
    [InlineData("12:0020150308", "2015-03-08 12:00:00 -07:00")]
    [InlineData("9:0020150308", "2015-03-08 09:00:00 -07:00")]
    [InlineData("20150110", "2015-01-10 00:00:00 -08:00")]
    [InlineData("midnight", "2015-03-08 00:00:00 -08:00")]
    [InlineData("midnight+1h", "2015-03-08 01:00:00 -08:00")]
    [InlineData("midnight_tomorrow", "2015-03-09 00:00:00 -07:00")]
    [InlineData("midnight_tomorrow+3h", "2015-03-09 03:00:00 -07:00")]
    [InlineData("noon yesterday", "2015-03-07 12:00:00 -08:00")]
    [InlineData("teatime", "2015-03-08 16:00:00 -07:00")]
    [InlineData("now", "2015-03-08 12:00:00 -07:00")]
    [InlineData("-6h", "2015-03-08 06:00:00 -07:00")]
    [InlineData("now-5min", "2015-03-08 11:55:00 -07:00")]
    [InlineData("-1h30min", "2015-03-08 10:30:00 -07:00")]
    [InlineData("+1d", "2015-03-09 12:00:00 -07:00")]
    [InlineData("-1mon", "2015-02-06 11:00:00 -08:00")]
    [InlineData("-1y", "2014-03-08 11:00:00 -08:00")]
    [InlineData("-1w", "2015-03-01 11:00:00 -08:00")]
    [InlineData("8am", "2015-03-08 08:00:00 -07:00")]
    [InlineData("8pm", "2015-03-08 20:00:00 -07:00")]
    [InlineData("10:30pm", "2015-03-08 22:30:00 -07:00")]
    [InlineData("3:00am_tomorrow", "2015-03-09 03:00:00 -07:00")]
    [InlineData("03/01/15", "2015-03-01 00:00:00 -08:00")]
    [InlineData("12/25/2014", "2014-12-25 00:00:00 -08:00")]
    [InlineData("jan1", "2015-01-01 00:00:00 -08:00")]
    [InlineData("march15", "2015-03-15 00:00:00 -07:00")]
    [InlineData("monday", "2015-03-02 00:00:00 -08:00")]
    [InlineData("sunday", "2015-03-08 00:00:00 -08:00")]
    [InlineData("16:00_20240101", "2024-01-01 16:00:00 -08:00")]
    [InlineData("MIDNIGHT", "2015-03-08 00:00:00 -08:00")]
    public void Parses_like_graphite_web(string text, string expected) => Assert.Equal(expected, Local(text, La));

    [Fact]
    public void Epoch_seconds_and_dates()
    {
        Assert.Equal(1700000000, AtTimeParser.ParseEpoch("1700000000", TimeZoneInfo.Utc, 0));
        Assert.Equal(1704067200, AtTimeParser.ParseEpoch("20240101", TimeZoneInfo.Utc, 0));
        // Eight digits that are no date (month 13) are epoch seconds.
        Assert.Equal(20241301, AtTimeParser.ParseEpoch("20241301", TimeZoneInfo.Utc, 0));
        Assert.Equal(1795730400 - 86400, AtTimeParser.ParseEpoch("-1d", TimeZoneInfo.Utc, 1795730400));
    }

    [Fact]
    public void Offsets_are_durations()
    {
        Assert.Equal(TimeSpan.FromMinutes(-90), AtTimeParser.ParseOffset("-1h30min"));
        Assert.Equal(TimeSpan.FromDays(30), AtTimeParser.ParseOffset("1mon"));
        Assert.Equal(TimeSpan.FromMinutes(5), AtTimeParser.ParseOffset("5minutes"));
        Assert.Equal(TimeSpan.Zero, AtTimeParser.ParseOffset(""));
    }

    [Theory]
    [InlineData("-5m", "Invalid offset unit 'm'")]
    [InlineData("now-1mmminute", "Invalid offset unit 'mmminute'")]
    [InlineData("-1", "Invalid offset unit ''")]
    [InlineData("-h", "invalid literal for int() with base 10: ''")]
    [InlineData("garbage", "Unknown day reference: garbage")]
    [InlineData("yesterdayish", "Unknown day reference: yesterdayish")]
    [InlineData("2024-01-01", "Unknown day reference: 2024")]
    [InlineData("1700000000.5", "Unknown day reference: 1700000000.5")]
    [InlineData("13/45/2015", "month must be in 1..12")]
    [InlineData("02/30/2015", "day is out of range for month")]
    [InlineData("jan", "Day of month required after month name")]
    [InlineData("25:00", "hour must be in 0..23")]
    public void Rejects_with_graphite_messages(string text, string message)
    {
        var e = Assert.Throws<QueryException>(() => AtTimeParser.Parse(text, TimeZoneInfo.Utc, NowIn(TimeZoneInfo.Utc)));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Unknown_time_zone_falls_back()
    {
        Assert.Same(TimeZoneInfo.Utc, TimeZones.Resolve("Mars/Olympus"));
        Assert.Equal("Europe/Berlin", TimeZones.Resolve("Europe/Berlin").Id);
    }
}
