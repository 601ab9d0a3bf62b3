using System.Net;

namespace Tsdb.Query.Graphs;

/// <summary>
/// glyph.py's LineGraph (graphType=line, the default): title, vertical titles, legend, y axis (one, or a left
/// and a right one when a series asks for secondYAxis), x axis, grid and the lines, areas and stacks, laid out
/// as graphite-web lays them out. The data are consolidated to the pixels of the plot area (minXStep), the y
/// axis measured, and both redone until the label width stops moving the area.
/// </summary>
public sealed partial class LineGraph : Graph
{
    private const int LegendMaxItems = 10; // graphite-web's LEGEND_MAX_ITEMS

    private List<GraphSeries> _data;
    private readonly List<GraphSeries> _dataLeft = [];
    private readonly List<GraphSeries> _dataRight = [];
    private readonly TimeZoneInfo _zone;
    private readonly double _xFilesFactor;
    private double _lineWidth = 1.2;
    private string _lineMode = "slope";
    private string _areaMode = "none";
    private double _connectedLimit = double.PositiveInfinity;
    private double? _logBase;
    private long _minorY = 1;
    private double _graphWidth;
    private double _xScaleFactor;
    private XAxisConfig _xConf = XAxisConfig.All[0];

    public LineGraph(GraphCanvas canvas, GraphParams options, GraphTemplate template, double width, double height,
        List<GraphSeries> data, TimeZoneInfo zone, double xFilesFactor)
        : base(canvas, options, template, width, height)
    {
        _data = data;
        _zone = zone;
        _xFilesFactor = xFilesFactor;
        if (options.Raw("logBase") is { } logBase)
        {
            if (logBase is string s && s == "e") _logBase = Math.E;
            else if (options.Number("logBase") is { } b) _logBase = b < 1 ? null : b;
        }
        _minorY = options.Int("minorY", 1);
    }

    /// <summary>First and last time drawn, in epoch seconds (the SVG metadata's x).</summary>
    public long StartTime { get; private set; }
    public long EndTime { get; private set; }
    public double LineWidthOption => _lineWidth;

    /// <summary>The xFilesFactor the drawn values are consolidated with.</summary>
    public double XFilesFactor => _xFilesFactor;

    /// <summary>The single y axis (null with two axes or no data): the SVG metadata's y.</summary>
    public YAxis? Axis { get; private set; }
    private YAxis? _axisLeft, _axisRight;

    /// <summary>The series as drawn: stacked ones first, then the rest, then areaAlpha's stroke copies.</summary>
    public IReadOnlyList<GraphSeries> Series => _data;

    /// <summary>An axis' final limits, step, label values and texts.</summary>
    public sealed record YAxis(double Top, double Bottom, double? Step, List<double> LabelValues, List<string> Labels, double LabelWidth);

    public void Draw()
    {
        long timeRange = _data.Count == 0 ? 0 : _data.Max(s => s.End) - _data.Min(s => s.Start);
        if (timeRange == 0)
        {
            DrawNoData();
            return;
        }
        HasData = true;
        foreach (var series in _data) (series.Has("secondYAxis") ? _dataRight : _dataLeft).Add(series);
        SecondYAxis = _dataRight.Count > 0;

        var p = Params;
        if (p.Truthy("graphOnly"))
        {
            p.Set("hideLegend", true);
            p.Set("hideGrid", true);
            p.Set("hideAxes", true);
            p.Set("hideXAxis", false);
            p.Set("hideYAxis", false);
            p.Set("yAxisSide", "left");
            p.Set("title", "");
            p.Set("vtitle", "");
            p.Set("margin", 0L);
            p.Set("tz", "");
            Margin = 0;
            Area.XMin = 0;
            Area.XMax = Width;
            Area.YMin = 0;
            Area.YMax = Height;
        }
        if (!p.Has("yMin") && p.Has("min")) p.Set("yMin", p.Raw("min")!);
        if (!p.Has("yMax") && p.Has("max")) p.Set("yMax", p.Raw("max")!);
        if (!p.Has("lineWidth") && p.Has("thickness")) p.Set("lineWidth", p.Raw("thickness")!);
        if (!p.Has("yAxisSide")) p.Set("yAxisSide", "left");
        string unitSystem = (p.String("yUnitSystem") ?? "si").ToLowerInvariant();
        p.Set("yUnitSystem", UnitFormat.IsKnown(unitSystem) ? unitSystem : "si");
        if (SecondYAxis) p.Set("yAxisSide", "left");
        // With the y axis on the right, x positions count back from the width.
        if (p.String("yAxisSide") == "right") Margin = Width;

        _lineWidth = p.Float("lineWidth", 1.2);
        _lineMode = (p.String("lineMode") ?? "slope").ToLowerInvariant();
        _connectedLimit = p.Float("connectedLimit", double.PositiveInfinity);
        if (_lineMode is not ("staircase" or "slope" or "connected")) throw new GraphException("Invalid line mode!");
        _areaMode = (p.String("areaMode") ?? "none").ToLowerInvariant();
        if (_areaMode is not ("none" or "first" or "all" or "stacked")) throw new GraphException("Invalid area mode!");
        if ((p.String("pieMode") ?? "maximum").ToLowerInvariant() is not ("maximum" or "minimum" or "average"))
            throw new GraphException("Invalid pie mode!");
        // Slope cannot draw a series of one point.
        if (_lineMode == "slope" && _data.Any(s => s.Raw.Length == 1)) _lineMode = "staircase";

        if (SecondYAxis)
        {
            foreach (var series in _data)
            {
                string side = series.Has("secondYAxis") ? "right" : "left";
                if (p.Raw(side + "Width") is { } w) series.Options["lineWidth"] = w;
                if (p.Raw(side + "Dashed") is { } d) series.Options["dashed"] = d;
                if (p.String(side + "Color") is { } c) series.Color = c;
            }
        }
        foreach (var series in _data) series.Color ??= NextColor();

        double titleSize = DefaultFont.Size + Math.Floor(Math.Log(DefaultFont.Size));
        SetFont(titleSize);
        SetColor(ForegroundColor);
        if (p.Truthy("title")) DrawTitle(Unquote(p.String("title")!));
        if (p.Truthy("vtitle")) DrawVTitle(Unquote(p.String("vtitle")!), rightAlign: false);
        if (SecondYAxis && p.Truthy("vtitleRight")) DrawVTitle(Unquote(p.String("vtitleRight")!), rightAlign: true);
        SetFont();

        if (!p.Truthy("hideLegend", _data.Count > LegendMaxItems))
        {
            var elements = new List<LegendItem>();
            foreach (var series in _data)
            {
                if (series.Name.Length == 0) continue;
                if (p.Truthy("hideNullFromLegend") && series.Drawn(_xFilesFactor).All(double.IsNaN)) continue;
                elements.Add(new LegendItem(Unquote(series.Name), series.Color!, series.Has("secondYAxis") && GraphParams.Truthy(series.Options["secondYAxis"]!)));
            }
            if (elements.Count > 0) DrawLegend(elements, p.Truthy("uniqueLegend"));
        }

        if (!p.Truthy("hideAxes") && !p.Truthy("hideXAxis")) Area.YMax -= FontExtents().MaxAscent * 2;

        StartTime = _data.Min(s => s.Start);
        EndTime = _lineMode == "staircase" ? _data.Max(s => s.End) : _data.Max(s => s.End - s.Step);
        long drawnRange = EndTime - StartTime;

        ConsolidateDataPoints(drawnRange);
        // The y labels' width moves the plot area, which changes the consolidation, which can change the labels.
        double currentXMin = Area.XMin, currentXMax = Area.XMax;
        SetupYAxes();
        while (currentXMin != Area.XMin || currentXMax != Area.XMax)
        {
            ConsolidateDataPoints(drawnRange);
            currentXMin = Area.XMin;
            currentXMax = Area.XMax;
            SetupYAxes();
        }

        var start = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(StartTime), TimeZoneOf(p));
        var end = TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(EndTime), TimeZoneOf(p));
        // setupXAxis
        _xScaleFactor = _graphWidth / drawnRange;
        _xConf = XAxisConfig.Choose(drawnRange / _graphWidth, drawnRange);

        if (!p.Truthy("hideAxes"))
        {
            DrawLabels(start, end);
            if (!p.Truthy("hideGrid")) DrawGridLines(start, end);
        }
        DrawLines();
    }

    // The user's tz when valid and not blanked by graphOnly, else the request's zone (the server's TIME_ZONE).
    private TimeZoneInfo TimeZoneOf(GraphParams p) =>
        p.String("tz") is { Length: > 0 } tz ? Time.TimeZones.Resolve(tz, _zone) : _zone;

    private static string Unquote(string text) => WebUtility.UrlDecode(text);

    private void DrawVTitle(string text, bool rightAlign)
    {
        double lineHeight = FontExtents().MaxHeight;
        if (rightAlign)
        {
            double x = Area.XMax - lineHeight, y = Height / 2;
            foreach (var line in text.Split('\n'))
            {
                DrawText(line, x, y, align: "center", valign: "baseline", rotate: 90);
                x -= lineHeight;
            }
            Area.XMax = x - Margin - lineHeight;
        }
        else
        {
            double x = Area.XMin + lineHeight, y = Height / 2;
            foreach (var line in text.Split('\n'))
            {
                DrawText(line, x, y, align: "center", valign: "baseline", rotate: 270);
                x += lineHeight;
            }
            Area.XMin = x + Margin + lineHeight;
        }
    }

    /// <summary>getYCoord: the pixel row of a value on the axis (null on a log axis for values &lt;= 0).</summary>
    private double? YCoord(double value, YAxis axis)
    {
        double highest = axis.LabelValues.Count > 0 ? axis.LabelValues.Max() : axis.Top;
        double lowest = axis.LabelValues.Count > 0 ? axis.LabelValues.Min() : axis.Bottom;
        double pixelRange = Area.YMax - Area.YMin;
        double relative = value - lowest, valueRange = highest - lowest;
        if (_logBase is { } b)
        {
            if (value <= 0) return null;
            relative = Math.Log(value, b) - Math.Log(lowest, b);
            valueRange = Math.Log(highest, b) - Math.Log(lowest, b);
        }
        // One label (a user yStep larger than the axis): upstream divides by zero.
        if (valueRange == 0) throw new GraphException("float division by zero");
        return Area.YMax - pixelRange / valueRange * relative;
    }

    private YAxis AxisOf(GraphSeries series) =>
        !SecondYAxis ? Axis! : series.Has("secondYAxis") ? _axisRight! : _axisLeft!;

    /// <summary>consolidateDataPoints: at least minXStep pixels between drawn points, consolidating when they would be closer.</summary>
    private void ConsolidateDataPoints(long timeRange)
    {
        double numberOfPixels = _graphWidth = Area.XMax - Area.XMin - (_lineWidth + 1);
        foreach (var series in _data)
        {
            double numberOfDataPoints = (double)timeRange / series.Step;
            // Nothing drawn spans time (one point, not staircase): upstream divides by the zero count.
            if (numberOfDataPoints == 0) throw new GraphException("float division by zero");
            double minXStep = Params.Float("minXStep", 1.0);
            double bestXStep = numberOfPixels / numberOfDataPoints;
            if (bestXStep < minXStep)
            {
                // A plot area with no room (a tiny pdf page, a right y axis beside a vtitle) ends in a division by
                // zero upstream: here, by minXStep, the drawable points, or the 0 points per pixel drawLines divides by.
                if (minXStep == 0) throw new GraphException("float division by zero");
                double drawableDataPoints = Math.Truncate(numberOfPixels / minXStep);
                if (drawableDataPoints == 0) throw new GraphException("float division by zero");
                double pointsPerPixel = Math.Ceiling(numberOfDataPoints / drawableDataPoints);
                if (pointsPerPixel == 0) throw new GraphException("float division by zero");
                series.Consolidate((int)pointsPerPixel);
                series.XStep = numberOfPixels * pointsPerPixel / numberOfDataPoints;
            }
            else series.XStep = bestXStep;
        }
    }

    private void SetupYAxes()
    {
        if (SecondYAxis) SetupTwoYAxes();
        else SetupYAxis();
    }

    private AxisTics Tics(List<GraphSeries> data, string minName, string maxName, string limitName, string stepName)
    {
        var (min, max) = DataLimits(data);
        string units = Params.String("yUnitSystem")!;
        AxisTics tics = _logBase is { } b ? new LogAxisTics(min, max, units, b) : new LinearAxisTics(min, max, units);
        tics.ApplySettings(Params.Number(minName), Params.String(maxName) == "max" ? null : Params.Number(maxName),
            Params.String(maxName) == "max", Params.Number(limitName));
        if (Params.Has(stepName)) tics.SetStep(Params.Float(stepName, 0));
        else
        {
            var divisors = (Params.String("yDivisors") ?? "4,5,6").Split(',')
                .Select(d => int.TryParse(d, out var v) ? v : throw new GraphException($"invalid literal for int() with base 10: '{d}'")).ToList();
            tics.ChooseStep(divisors, Params.String("yUnitSystem") == "binary");
        }
        tics.ChooseLimits();
        return tics;
    }

    private YAxis Measure(AxisTics tics)
    {
        // The step is read before the labels: computing them may pick a new step for a user step too small for the
        // span, and upstream labels with the new step but reports (and grids with) the one it copied out first.
        double? step = tics.Step;
        var values = tics.LabelValues();
        var labels = values.Select(tics.MakeLabel).ToList();
        double width = labels.Count == 0 ? 0 : labels.Max(TextWidth);
        return new YAxis(tics.Top, tics.Bottom, step, values, labels, width);
    }

    private void SetupYAxis()
    {
        var tics = Tics(_data, "yMin", "yMax", "yLimit", "yStep");
        if (Params.Truthy("hideAxes"))
        {
            Axis = new YAxis(tics.Top, tics.Bottom, tics.Step, [], [], 0);
            return;
        }
        Axis = Measure(tics);
        if (Params.Truthy("hideYAxis")) return;
        if (Params.String("yAxisSide") == "left")
        {
            double xMin = Margin + Axis.LabelWidth * 1.02;
            if (Area.XMin < xMin) Area.XMin = xMin;
        }
        else
        {
            double xMax = Margin - Axis.LabelWidth * 1.02;
            if (Area.XMax >= xMax) Area.XMax = xMax;
        }
    }

    private void SetupTwoYAxes()
    {
        _axisLeft = Measure(Tics(_dataLeft, "yMinLeft", "yMaxLeft", "yLimitLeft", "yStepLeft"));
        _axisRight = Measure(Tics(_dataRight, "yMinRight", "yMaxRight", "yLimitRight", "yStepRight"));
        double xMin = Margin + _axisLeft.LabelWidth * 1.02;
        if (Area.XMin < xMin) Area.XMin = xMin;
        double xMax = Width - _axisRight.LabelWidth * 1.02;
        if (Area.XMax >= xMax) Area.XMax = xMax;
    }

    /// <summary>dataLimits: the finite extremes of the drawn values (drawAsInfinite series left out); stacked: the largest column sum.</summary>
    private (double Min, double Max) DataLimits(List<GraphSeries> data)
    {
        bool drawNullAsZero = Params.Truthy("drawNullAsZero");
        var drawn = data.Select(s => (Series: s, Values: s.Drawn(_xFilesFactor))).ToList();
        // `None in series` is list containment: it looks at the raw values, not the consolidated ones iteration yields.
        bool missingValues = data.Any(s => s.Raw.Any(double.IsNaN));
        var finite = drawn.Where(d => !(d.Series.Options.TryGetValue("drawAsInfinite", out var v) && v is not null && GraphParams.Truthy(v))).ToList();
        double? min = SafeMin(finite.Select(d => SafeMin(d.Values)));
        if (min is not { } yMin) return (0.0, 1.0);
        if (yMin > 0.0 && drawNullAsZero && missingValues) yMin = 0.0;
        double? yMax;
        if (_areaMode == "stacked")
        {
            // Upstream sums the raw values here (len(series), series[i]), not the consolidated ones.
            int length = finite.Min(d => d.Series.Raw.Length);
            var sums = new double?[length];
            for (int i = 0; i < length; i++)
                sums[i] = finite.Select(d => d.Series.Raw[i]).Where(double.IsFinite).Sum();
            yMax = SafeMin(sums, max: true);
        }
        else yMax = SafeMin(finite.Select(d => SafeMin(d.Values, max: true)), max: true);
        double top = yMax ?? yMin;
        if (top < 0.0 && drawNullAsZero && missingValues) top = 0.0;
        return (yMin, top);
    }

    private static double? SafeMin(IEnumerable<double> values, bool max = false) => SafeMin(values.Select(v => (double?)v), max);

    private static double? SafeMin(IEnumerable<double?> values, bool max = false)
    {
        double? best = null;
        foreach (var v in values)
        {
            if (v is not { } x || !double.IsFinite(x)) continue;
            if (best is null || (max ? x > best : x < best)) best = x;
        }
        return best;
    }

    private void DrawLabels(DateTimeOffset start, DateTimeOffset end)
    {
        if (!Params.Truthy("hideYAxis"))
        {
            if (!SecondYAxis)
            {
                var axis = Axis!;
                bool left = Params.String("yAxisSide") == "left";
                for (int i = 0; i < axis.LabelValues.Count; i++)
                {
                    double x = left ? Area.XMin - axis.LabelWidth * 0.02 : Area.XMax + axis.LabelWidth * 0.02;
                    double y = Math.Max(0, YCoord(axis.LabelValues[i], axis) ?? 0);
                    DrawText(axis.Labels[i], x, y, align: left ? "right" : "left", valign: "middle");
                }
            }
            else
            {
                for (int i = 0; i < _axisLeft!.LabelValues.Count; i++)
                {
                    double y = Math.Max(0, YCoord(_axisLeft.LabelValues[i], _axisLeft) ?? 0);
                    DrawText(_axisLeft.Labels[i], Area.XMin - _axisLeft.LabelWidth * 0.02, y, align: "right", valign: "middle");
                }
                for (int i = 0; i < _axisRight!.LabelValues.Count; i++)
                {
                    double y = Math.Max(0, YCoord(_axisRight.LabelValues[i], _axisRight) ?? 0);
                    DrawText(_axisRight.Labels[i], Area.XMax + _axisRight.LabelWidth * 0.02 + 3, y, align: "left", valign: "middle");
                }
            }
        }
        if (!Params.Truthy("hideXAxis"))
        {
            var (dt, delta) = XAxisConfig.FirstMark(start, _xConf.LabelUnit, _xConf.LabelStep);
            string format = Params.String("xFormat") ?? _xConf.Format;
            var zone = TimeZoneOf(Params);
            while (dt < end)
            {
                string label = Strftime.Format(dt, format, zone);
                double x = Area.XMin + Seconds(dt - start) * _xScaleFactor;
                double y = Area.YMax + FontExtents().MaxAscent;
                DrawText(label, x, y, align: "center", valign: "top");
                dt += delta;
            }
        }
    }

    // toSeconds: whole seconds of a timedelta.
    private static long Seconds(TimeSpan t) => (long)Math.Floor(t.TotalSeconds);

    private void DrawGridLines(DateTimeOffset start, DateTimeOffset end)
    {
        double leftSide = Area.XMin, rightSide = Area.XMax;
        var axis = SecondYAxis ? _axisLeft! : Axis!;
        var labels = axis.LabelValues;
        string majorColor = Params.String("majorGridLineColor") ?? Template.MajorLine;
        string minorColor = Params.String("minorGridLineColor") ?? Template.MinorLine;
        for (int i = 0; i < labels.Count; i++)
        {
            Canvas.SetLineWidth(0.4);
            SetColor(majorColor);
            if (YCoord(labels[i], axis) is not { } y || y < 0) continue;
            Canvas.MoveTo(leftSide, y);
            Canvas.LineTo(rightSide, y);
            Canvas.Stroke();
            if (_minorY < 1 || i >= labels.Count - 1) continue;
            double lower = Math.Min(labels[i], labels[i + 1]), upper = Math.Max(labels[i], labels[i + 1]);
            double distance = (upper - lower) / (1 + _minorY);
            for (int minor = 0; minor < _minorY; minor++)
            {
                Canvas.SetLineWidth(0.3);
                SetColor(minorColor);
                double value = lower + (1 + minor) * distance;
                double topFactor = _logBase is { } b ? b * b : 1;
                if (value >= topFactor * axis.Top) continue;
                if (YCoord(value, axis) is not { } my || my < 0) continue;
                Canvas.MoveTo(leftSide, my);
                Canvas.LineTo(rightSide, my);
                Canvas.Stroke();
            }
        }

        double top = Area.YMin, bottom = Area.YMax;
        // Minor vertical lines first; the major ones paint over them.
        Canvas.SetLineWidth(0.25);
        SetColor(minorColor);
        DrawVerticals(start, end, _xConf.MinorGridUnit, _xConf.MinorGridStep, top, bottom);
        Canvas.SetLineWidth(0.33);
        SetColor(majorColor);
        DrawVerticals(start, end, _xConf.MajorGridUnit, _xConf.MajorGridStep, top, bottom);

        // The plot area's side borders.
        Canvas.SetLineWidth(0.5);
        Canvas.MoveTo(Area.XMax, bottom);
        Canvas.LineTo(Area.XMax, top);
        Canvas.MoveTo(Area.XMin, bottom);
        Canvas.LineTo(Area.XMin, top);
        Canvas.Stroke();
    }

    private void DrawVerticals(DateTimeOffset start, DateTimeOffset end, int unit, double step, double top, double bottom)
    {
        var (dt, delta) = XAxisConfig.FirstMark(start, unit, step);
        while (dt < end)
        {
            double x = Area.XMin + Seconds(dt - start) * _xScaleFactor;
            if (x < Area.XMax)
            {
                Canvas.MoveTo(x, bottom);
                Canvas.LineTo(x, top);
                Canvas.Stroke();
            }
            dt += delta;
        }
    }
}
