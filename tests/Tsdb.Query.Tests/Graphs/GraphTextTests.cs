using Tsdb.Query.Api;
using Tsdb.Query.Graphs;

namespace Tsdb.Query.Tests.Graphs;

/// <summary>The text side of graph options: parseOptions' typing, colours, strftime and the x-axis marks.</summary>
public class GraphTextTests
{
    [Theory]
    [InlineData("width", "600", typeof(long), "600")]
    [InlineData("yMin", "-5", typeof(long), "-5")]
    [InlineData("areaAlpha", "0.5", typeof(double), "0.5")]
    [InlineData("yMax", "-.5", typeof(double), "-0.5")]
    [InlineData("hideLegend", "False", typeof(bool), "False")]
    [InlineData("title", "Disk 1.2", typeof(string), "Disk 1.2")]
    [InlineData("bgcolor", "000000", typeof(string), "000000")]
    public void Options_are_typed_as_parseOptions_types_them(string name, string text, Type type, string str)
    {
        object typed = GraphParams.Typed(name, text)!;
        Assert.Equal(type, typed.GetType());
        Assert.Equal(str, GraphParams.Str(typed));
    }

    [Fact]
    public void Default_and_empty_options_are_left_out()
    {
        Assert.Null(GraphParams.Typed("lineMode", "default"));
        Assert.Null(GraphParams.Typed("title", ""));
        var p = GraphParams.Parse(new RequestParameters([new("title", ""), new("hideLegend", "0"), new("valueLabels", "number")]), pie: false, "png");
        Assert.False(p.Has("title"));
        Assert.False(p.Truthy("hideLegend", true));
        Assert.False(p.Has("valueLabels")); // a pie option, not a line graph's
        Assert.Equal(330, p.Int("width", 0));
    }

    [Fact]
    public void Colours_are_aliases_or_hex_with_optional_alpha()
    {
        Assert.Equal(new SkiaSharp.SKColor(100, 100, 255, 255), GraphColor.Parse("blue"));
        Assert.Equal(new SkiaSharp.SKColor(0xff, 0, 0, 0x80), GraphColor.Parse("#ff000080"));
        Assert.Equal(new SkiaSharp.SKColor(0x12, 0x34, 0x56, 128), GraphColor.Parse("%23123456", 0.5));
        Assert.Equal(new SkiaSharp.SKColor(0xff, 0, 0, 0), GraphColor.Parse("ff000080", 0, forceAlpha: true));
        Assert.Throws<GraphException>(() => GraphColor.Parse("nocolour"));
    }

    [Fact]
    public void Strftime_writes_the_C_locale()
    {
        var t = new DateTimeOffset(2026, 11, 26, 21, 5, 9, TimeSpan.Zero);
        Assert.Equal("11/26 21:05", Strftime.Format(t, "%m/%d %H:%M", TimeZoneInfo.Utc));
        Assert.Equal("Thu 21:05:09", Strftime.Format(t, "%a %H:%M:%S", TimeZoneInfo.Utc));
        Assert.Equal(" 9PM 2026 %q", Strftime.Format(t, "%l%p %Y %q", TimeZoneInfo.Utc));
    }

    [Fact]
    public void X_axis_marks_start_on_the_unit_grid()
    {
        var start = new DateTimeOffset(2026, 11, 26, 21, 40, 1, TimeSpan.Zero);
        var (first, delta) = XAxisConfig.FirstMark(start, XAxisConfig.Min, 5);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 21, 45, 0, TimeSpan.Zero), first);
        Assert.Equal(TimeSpan.FromMinutes(5), delta);
        // Days count from the start's own midnight: 26th 00:00 + 3.5 days is the first mark after 21:40.
        var (day, _) = XAxisConfig.FirstMark(start, XAxisConfig.Day, 3.5);
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero), day);
        // 20 minutes over 300 pixels: 4 s a pixel, labels every 10 minutes.
        Assert.Equal("%H:%M", XAxisConfig.Choose(4.0, 1200).Format);
        Assert.Equal(XAxisConfig.All[^1], XAxisConfig.Choose(1e6, 100L * 365 * 86400));
    }
}
