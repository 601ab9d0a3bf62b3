using SkiaSharp;

namespace Tsdb.Query.Graphs;

/// <summary>
/// What glyph.py's Graph class does for every graph type: the canvas and its margins, the template's colours and
/// font (<see cref="GraphTemplates"/>), the colour list, text, title and legend. <see cref="Area"/> is the plot
/// area the title, legend and axes shrink as they are drawn.
/// </summary>
public abstract class Graph
{
    protected Graph(GraphCanvas canvas, GraphParams options, GraphTemplate template, double width, double height)
    {
        Canvas = canvas;
        Params = options;
        Template = template;
        Width = width;
        Height = height;
        Margin = (int)options.Int("margin", 10);
        if (Margin < 0) Margin = 10;
        Area = new PlotArea(Margin + 10, Width - Margin, Margin, Height - Margin);
        DefaultFont = FontOf(options, template);
        ForegroundColor = options.String("fgcolor") ?? template.Foreground;
        BackgroundColor = options.String("bgcolor") ?? template.Background;
        _colors = options.Has("colorList")
            ? Uri.UnescapeDataString((options.String("colorList") ?? "").Replace('+', ' ')).Split(',')
            : [.. template.LineColors];
        SetColor(BackgroundColor);
        DrawRectangle(0, 0, Width, Height);
    }

    /// <summary>The default font: the request's fontName, fontSize (truncated to an int), fontBold and fontItalic over the template's.</summary>
    public static FontChoice FontOf(GraphParams options, GraphTemplate template) =>
        new(options.String("fontName") ?? template.FontName, options.Int("fontSize", (long)template.FontSize),
            options.Has("fontBold") ? options.Truthy("fontBold") : template.FontBold,
            options.Has("fontItalic") ? options.Truthy("fontItalic") : template.FontItalic);

    private readonly string[] _colors;
    private int _nextColor;

    protected GraphCanvas Canvas { get; }
    protected GraphParams Params { get; }
    protected GraphTemplate Template { get; }
    public double Width { get; }
    public double Height { get; }
    protected double Margin { get; set; }
    public PlotArea Area { get; }
    public FontChoice DefaultFont { get; }
    protected string ForegroundColor { get; }
    protected string BackgroundColor { get; }
    protected bool SecondYAxis { get; set; }

    /// <summary>Whether the graph had data to draw (false: it drew "No Data").</summary>
    public bool HasData { get; protected set; }

    public sealed class PlotArea(double xMin, double xMax, double yMin, double yMax)
    {
        public double XMin { get; set; } = xMin;
        public double XMax { get; set; } = xMax;
        public double YMin { get; set; } = yMin;
        public double YMax { get; set; } = yMax;
    }

    /// <summary>The colour list cycled: the next colour for a series without one.</summary>
    protected string NextColor() => _colors[_nextColor++ % _colors.Length];

    protected void SetColor(string value, double alpha = 1.0, bool forceAlpha = false) =>
        Canvas.SetColor(GraphColor.Parse(value, alpha, forceAlpha));

    /// <summary>setFont: the default font with some of its fields replaced.</summary>
    protected void SetFont(double? size = null) => Canvas.SetFont(size is { } s ? DefaultFont with { Size = s } : DefaultFont);

    protected (double MaxHeight, double MaxAscent, double MaxDescent) FontExtents()
    {
        var (ascent, descent, height) = Canvas.Font.Extents();
        return (height, ascent, descent);
    }

    protected double TextWidth(string text) => Canvas.Font.Width(text);

    protected void DrawRectangle(double x, double y, double w, double h, bool fill = true)
    {
        if (!fill)
        {
            // Borders are drawn as lines would be: offset by half the line width.
            double o = Canvas.LineWidth / 2.0;
            x += o;
            y += o;
            w -= o;
            h -= o;
        }
        Canvas.Rectangle(x, y, w, h);
        if (fill) Canvas.Fill();
        else
        {
            Canvas.SetDash(null);
            Canvas.Stroke();
        }
    }

    /// <summary>drawText: aligned on (x, y) by align (left, center, right) and valign (top, middle, bottom, baseline), turned by rotate degrees.</summary>
    protected void DrawText(string text, double x, double y, string align = "left", string valign = "top", double rotate = 0)
    {
        var (maxHeight, maxAscent, maxDescent) = FontExtents();
        double width = TextWidth(text);
        double angle = rotate * Math.PI / 180;
        double horizontal = align switch { "center" => width / 2, "right" => width, _ => 0 };
        double vertical = valign switch
        {
            "middle" => maxHeight / 2 - maxDescent,
            "bottom" => -maxDescent,
            "baseline" => 0,
            _ => maxAscent,
        };
        x += Math.Sin(angle) * -vertical - Math.Cos(angle) * horizontal;
        y += Math.Cos(angle) * vertical - Math.Sin(angle) * horizontal;
        Canvas.FillText(text, x, y, rotate);
    }

    /// <summary>drawTitle: centred lines from the top; the plot area starts below them (and a margin, unless the y axis is on the right).</summary>
    protected void DrawTitle(string text)
    {
        double y = Area.YMin, x = Width / 2;
        double lineHeight = FontExtents().MaxHeight;
        foreach (var line in text.Split('\n'))
        {
            DrawText(line, x, y, align: "center");
            y += lineHeight;
        }
        Area.YMin = Params.String("yAxisSide") == "right" ? y : y + Margin;
    }

    /// <summary>A legend entry: the name, its colour, and whether it belongs to the right y axis.</summary>
    protected readonly record struct LegendItem(string Name, string Color, bool RightSide);

    /// <summary>
    /// drawLegend: colour boxes and names in as many columns as fit below the plot area, which shrinks to make
    /// room. With a second y axis and room for two columns, left-axis series fill from the left and right-axis
    /// series from the right.
    /// </summary>
    protected void DrawLegend(List<LegendItem> elements, bool unique)
    {
        if (unique) elements = elements.DistinctBy(e => e.Name).ToList();
        const double padding = 5;
        string longestName = elements.OrderBy(e => e.Name.Length).Last().Name;
        double testBoxSize = FontExtents().MaxHeight - 1;
        double testWidth = TextWidth(longestName + " " + longestName) + 2 * (testBoxSize + padding);
        bool rightSideLabels = testWidth + 50 < Width;

        double boxSize = FontExtents().MaxHeight - 1;
        double lineHeight = FontExtents().MaxHeight + 1;
        double labelWidth = TextWidth(longestName) + 2 * (boxSize + padding);
        Canvas.SetLineWidth(1.0);
        if (SecondYAxis && rightSideLabels)
        {
            double columns = Math.Max(1, Math.Floor((Width - Area.XMin) / labelWidth));
            int numRight = elements.Count(e => e.RightSide);
            int numberOfLines = Math.Max(elements.Count - numRight, numRight);
            columns = Math.Max(1, Math.Floor(columns / 2.0));
            double legendHeight = Math.Max(1, numberOfLines / columns) * lineHeight + padding;
            Area.YMax -= legendHeight;
            double x = Area.XMin, y = Area.YMax + 2 * padding;
            int n = 0, nRight = 0;
            double xRight = Area.XMax - Area.XMin, yRight = y;
            foreach (var e in elements)
            {
                SetColor(e.Color);
                if (e.RightSide)
                {
                    nRight++;
                    DrawLegendBox(xRight - padding, yRight, boxSize);
                    DrawText(e.Name, xRight - boxSize, yRight, align: "right");
                    xRight -= labelWidth;
                    if (nRight % columns == 0)
                    {
                        xRight = Area.XMax - Area.XMin;
                        yRight += lineHeight;
                    }
                }
                else
                {
                    n++;
                    DrawLegendBox(x, y, boxSize);
                    DrawText(e.Name, x + boxSize + padding, y, align: "left");
                    x += labelWidth;
                    if (n % columns == 0)
                    {
                        x = Area.XMin;
                        y += lineHeight;
                    }
                }
            }
        }
        else
        {
            double columns = Math.Max(1, Math.Floor(Width / labelWidth));
            double numberOfLines = Math.Ceiling(elements.Count / columns);
            Area.YMax -= numberOfLines * lineHeight + padding;
            double x = Area.XMin, y = Area.YMax + 2 * padding;
            for (int i = 0; i < elements.Count; i++)
            {
                var e = elements[i];
                SetColor(e.Color);
                if (e.RightSide)
                {
                    DrawLegendBox(x + labelWidth + padding, y, boxSize);
                    DrawText(e.Name, x + labelWidth, y, align: "right");
                }
                else
                {
                    DrawLegendBox(x, y, boxSize);
                    DrawText(e.Name, x + boxSize + padding, y, align: "left");
                }
                x += labelWidth;
                if ((i + 1) % columns == 0)
                {
                    x = Area.XMin;
                    y += lineHeight;
                }
            }
        }
    }

    // A filled box in the current colour with a dark grey border; the text colour is the foreground after it.
    private void DrawLegendBox(double x, double y, double size)
    {
        DrawRectangle(x, y, size, size);
        SetColor("darkgrey");
        DrawRectangle(x, y, size, size, fill: false);
        SetColor(ForegroundColor);
    }

    /// <summary>"No Data" in red, centred, at a size that grows with the canvas.</summary>
    protected void DrawNoData()
    {
        SetColor("red");
        SetFont(Math.Log(Width * Height));
        DrawText("No Data", Width / 2, Height / 2, align: "center");
    }
}
