using System.Text;
using SkiaSharp;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Graphs;

/// <summary>
/// graphite-web's image formats (renderViewGraph + Graph.output): PNG (the default when no known text format is
/// asked for), SVG with glyph.py's metadata script, and PDF. The drawing follows glyph.py; the pixels cannot be
/// cairo's own, so an image is alike, not identical (same canvas size, layout, colours and axis labels).
/// </summary>
public static class GraphRenderer
{
    /// <summary>cairo's PDF fallback resolution: upstream sizes a PDF page as width / 300 * 72 points and lays the graph out in it.</summary>
    private const double PdfFallbackResolution = 300;

    /// <summary>
    /// The Sub filter and zlib level 1: a graph is mostly flat background, which this compresses nearly as well as
    /// the default (all filters tried per row, level 6) in a fifth of the time (8 against 38 ms for a busy 800x400).
    /// </summary>
    private static readonly SKPngEncoderOptions PngOptions = new(SKPngEncoderFilterFlags.Sub, 1);

    public static string ContentType(string outputFormat) => outputFormat switch
    {
        "svg" => "image/svg+xml",
        "pdf" => "application/x-pdf",
        _ => "image/png",
    };

    /// <summary>A line graph of <paramref name="data"/>; <paramref name="templates"/> null = no graphTemplates.conf.</summary>
    public static byte[] RenderLine(GraphParams options, List<GraphSeries> data, TimeZoneInfo zone, double xFilesFactor,
        GraphTemplates? templates = null)
    {
        var template = (templates ?? GraphTemplates.None).Resolve(options.String("template"));
        return Render(options, template, (canvas, width, height) =>
        {
            var graph = new LineGraph(canvas, options, template, width, height, data, zone, xFilesFactor);
            graph.Draw();
            return graph;
        });
    }

    /// <summary>A pie graph of the slices.</summary>
    public static byte[] RenderPie(GraphParams options, List<(string Name, double Value)> slices, GraphTemplates? templates = null)
    {
        var template = (templates ?? GraphTemplates.None).Resolve(options.String("template"));
        return Render(options, template, (canvas, width, height) =>
        {
            var graph = new PieGraph(canvas, options, template, width, height, slices);
            graph.Draw();
            return graph;
        });
    }

    private static byte[] Render(GraphParams options, GraphTemplate template, Func<GraphCanvas, double, double, Graph> draw)
    {
        string format = options.String("outputFormat") ?? "png";
        int width = (int)options.Int("width", 200), height = (int)options.Int("height", 200);
        // 4096 x 4096 at most: a canvas is width * height * 4 bytes, and the size is the client's to choose.
        if (width <= 0 || height <= 0 || (long)width * height > 4096L * 4096)
            throw new GraphException($"invalid image size {width}x{height}");
        var font = Graph.FontOf(options, template);
        switch (format)
        {
            case "svg":
            {
                using var stream = new MemoryStream();
                Graph graph;
                using (var svg = SKSvgCanvas.Create(new SKRect(0, 0, width, height), stream))
                    graph = draw(new GraphCanvas(svg, font), width, height);
                return Encoding.UTF8.GetBytes(WithMetadata(Encoding.UTF8.GetString(stream.ToArray()), graph, width, height));
            }
            case "pdf":
            {
                double pageWidth = width / PdfFallbackResolution * 72, pageHeight = height / PdfFallbackResolution * 72;
                using var stream = new MemoryStream();
                using (var document = SKDocument.CreatePdf(stream))
                {
                    var page = document.BeginPage((float)pageWidth, (float)pageHeight);
                    draw(new GraphCanvas(page, font), pageWidth, pageHeight);
                    document.EndPage();
                    document.Close();
                }
                return stream.ToArray();
            }
            default:
            {
                using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
                    ?? throw new GraphException($"cannot allocate a {width}x{height} image");
                draw(new GraphCanvas(surface.Canvas, font), width, height);
                using var pixels = surface.PeekPixels();
                using var png = pixels.Encode(PngOptions) ?? throw new InvalidOperationException("Skia could not encode the PNG");
                return png.ToArray();
            }
        }
    }

    /// <summary>
    /// Graph.output for svg: sizes in px, a "graphite" class on the drawing, and the script holding the graph's
    /// metadata (x range, line width, font, plot area, each unstacked series with its values, and the y axis
    /// when there is only one), which d3-style clients read. Without data the metadata is {}.
    /// </summary>
    private static string WithMetadata(string svg, Graph graph, int width, int height)
    {
        var meta = new JsonObject();
        if (graph is LineGraph { HasData: true } line)
        {
            var x = new JsonObject { { "start", line.StartTime }, { "end", line.EndTime } };
            meta.Add("x", x);
            meta.Add("options", new JsonObject { { "lineWidth", line.LineWidthOption } });
            var f = line.DefaultFont;
            meta.Add("font", new JsonObject { { "name", f.Name }, { "size", (long)f.Size }, { "bold", f.Bold }, { "italic", f.Italic } });
            meta.Add("area", new JsonObject { { "xmin", line.Area.XMin }, { "xmax", line.Area.XMax }, { "ymin", line.Area.YMin }, { "ymax", line.Area.YMax } });
            var series = new List<object?>();
            foreach (var s in line.Series.Where(s => !s.Has("stacked")))
            {
                var options = new JsonObject();
                foreach (var (k, v) in s.Options) options.Add(k, v);
                series.Add(new JsonObject
                {
                    { "name", s.Name }, { "start", s.Start }, { "end", s.End }, { "step", s.Step },
                    { "valuesPerPoint", (long)s.ValuesPerPoint }, { "color", s.Color },
                    { "data", s.Drawn(line.XFilesFactor).Select(v => double.IsNaN(v) ? null : (object?)v).ToList() }, { "options", options },
                });
            }
            meta.Add("series", series);
            if (line.Axis is { } axis)
            {
                meta.Add("y", new JsonObject
                {
                    { "top", axis.Top }, { "bottom", axis.Bottom }, { "step", axis.Step }, { "labels", axis.Labels },
                    { "labelValues", axis.LabelValues },
                });
            }
        }
        string head = svg.Replace($"width=\"{width}\" height=\"{height}\"", $"width=\"{width}px\" height=\"{height}px\" viewBox=\"0 0 {width} {height}\"");
        int close = head.LastIndexOf("</svg>", StringComparison.Ordinal);
        if (close >= 0) head = head[..close];
        return head + "<script>\n  <![CDATA[\n    metadata = " + PythonJson.Serialize(meta) + "\n  ]]>\n</script>\n</svg>";
    }
}
