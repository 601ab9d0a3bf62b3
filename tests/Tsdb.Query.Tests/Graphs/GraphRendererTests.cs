using SkiaSharp;
using Tsdb.Query.Graphs;
using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Graphs;

/// <summary>
/// Whole graphs drawn and decoded again: the canvas size, the default white background, the series' colours
/// where the lines are, "No Data" in red, pie slices, and svg and pdf containers.
/// </summary>
public class GraphRendererTests
{
    private static GraphParams Options(params (string Name, object Value)[] values) =>
        new([new("width", 330L), new("height", 250L), new("outputFormat", "png"), .. values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value))]);

    private static List<GraphSeries> Series(params (string Name, double[] Values)[] series) =>
        series.Select(s => new GraphSeries(new TimeSeries(s.Name, 1000, 1000 + 60 * s.Values.Length, 60, s.Values, s.Name))).ToList();

    private static int Count(SKBitmap bitmap, Func<SKColor, bool> match)
    {
        int n = 0;
        for (int y = 0; y < bitmap.Height; y++)
            for (int x = 0; x < bitmap.Width; x++)
                if (match(bitmap.GetPixel(x, y))) n++;
        return n;
    }

    [Fact]
    public void A_line_graph_has_the_canvas_size_a_white_background_and_lines_in_the_colour_list()
    {
        byte[] png = GraphRenderer.RenderLine(Options(), Series(("a.b", [1, 5, 2, 8, 3, 9, 4]), ("c.d", [7, 6, 5, 4, 3, 2, 1])),
            TimeZoneInfo.Utc, 0);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((330, 250), (bitmap.Width, bitmap.Height));
        Assert.Equal(SKColors.White, bitmap.GetPixel(1, 1));
        // The first two colours of the default list: blue (100,100,255) and green (0,200,0), lines and legend boxes.
        Assert.True(Count(bitmap, c => c.Red == 100 && c.Green == 100 && c.Blue == 255) > 50);
        Assert.True(Count(bitmap, c => c.Red == 0 && c.Green == 200 && c.Blue == 0) > 50);
    }

    [Fact]
    public void Options_colour_the_background_and_series()
    {
        byte[] png = GraphRenderer.RenderLine(Options(("bgcolor", "000000"), ("colorList", "red")),
            Series(("a.b", [1, 5, 2, 8, 3, 9, 4])), TimeZoneInfo.Utc, 0);
        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal(SKColors.Black, bitmap.GetPixel(1, 1));
        Assert.True(Count(bitmap, c => c.Red == 200 && c.Green == 0 && c.Blue == 50) > 50);
    }

    [Fact]
    public void No_series_draws_No_Data_in_red()
    {
        using var bitmap = SKBitmap.Decode(GraphRenderer.RenderLine(Options(), [], TimeZoneInfo.Utc, 0));
        // Antialiased glyph edges blend into the white; their cores are red (200, 0, 50).
        Assert.True(Count(bitmap, c => c.Red > 180 && c.Green < 80 && c.Blue < 100) > 20);
        Assert.Equal(0, Count(bitmap, c => c.Blue > c.Red + 20));
    }

    [Fact]
    public void A_pie_fills_one_slice_per_value()
    {
        using var bitmap = SKBitmap.Decode(GraphRenderer.RenderPie(Options(), [("a", 3), ("b", 1)]));
        int blue = Count(bitmap, c => c.Red == 100 && c.Green == 100 && c.Blue == 255);
        int green = Count(bitmap, c => c.Red == 0 && c.Green == 200 && c.Blue == 0);
        Assert.InRange(blue / (double)green, 2.5, 3.5);
    }

    [Fact]
    public void Svg_carries_the_metadata_and_pdf_is_a_pdf()
    {
        var series = Series(("a.b", [1, 2, 3]));
        string svg = System.Text.Encoding.UTF8.GetString(GraphRenderer.RenderLine(Options(("outputFormat", "svg")), series, TimeZoneInfo.Utc, 0));
        Assert.Contains("width=\"330px\" height=\"250px\"", svg);
        Assert.Contains("\"labels\": [\"1.00 \", \"1.50 \", \"2.00 \", \"2.50 \", \"3.00 \"]", svg);
        Assert.EndsWith("</svg>", svg);
        byte[] pdf = GraphRenderer.RenderLine(Options(("outputFormat", "pdf")), Series(("a.b", [1, 2, 3])), TimeZoneInfo.Utc, 0);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    [Fact]
    public void A_bad_option_is_a_graph_error() =>
        Assert.Throws<GraphException>(() => GraphRenderer.RenderLine(Options(("lineMode", "curvy")), Series(("a", [1, 2])), TimeZoneInfo.Utc, 0));
}
