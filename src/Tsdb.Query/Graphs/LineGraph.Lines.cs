namespace Tsdb.Query.Graphs;

/// <summary>LineGraph's drawLines and fillAreaAndClip: the series themselves.</summary>
public sealed partial class LineGraph
{
    /// <summary>
    /// drawLines: stacked areas first (areaMode stacked, first or all, or the stacked() function), clipped so
    /// each area only covers what is above (or below) the previous one; then the lines, with each series'
    /// width, dash, colour and alpha. A null ends a line at the next step (slope mode keeps the last value for
    /// that step) and closes an area; drawAsInfinite draws a full-height line where the value is positive.
    /// </summary>
    private void DrawLines()
    {
        double width = _lineWidth;
        Canvas.SetLineWidth(width);
        double originalWidth = width;
        Canvas.SetDash(null);

        // The graph's own list is reordered and extended, as upstream's self.data is (the SVG metadata lists it).
        if (_data.Any(s => s.Has("stacked"))) _data = _data.Where(s => s.Has("stacked")).Concat(_data.Where(s => !s.Has("stacked"))).ToList();
        var data = _data;

        if (_areaMode == "stacked" && !SecondYAxis)
        {
            var total = new List<double>();
            foreach (var series in data)
            {
                if (series.Has("drawAsInfinite")) continue;
                series.Options["stacked"] = true;
                var raw = series.Raw;
                for (int i = 0; i < raw.Length; i++)
                {
                    if (total.Count <= i) total.Add(0);
                    if (double.IsNaN(raw[i])) continue;
                    double original = raw[i];
                    raw[i] += total[i];
                    total[i] += original;
                }
            }
        }
        else if (_areaMode == "first") data[0].Options["stacked"] = true;
        else if (_areaMode == "all")
        {
            foreach (var series in data)
                if (!series.Has("drawAsInfinite")) series.Options["stacked"] = true;
        }

        if (Params.Truthy("areaAlpha"))
        {
            double alpha = Params.Number("areaAlpha") is { } a ? a : 0.5;
            var strokes = new List<GraphSeries>();
            foreach (var series in data)
            {
                if (!series.Has("stacked")) continue;
                series.Options["alpha"] = alpha;
                strokes.Add(series.StrokeCopy(_xFilesFactor));
            }
            data.AddRange(strokes);
        }

        Canvas.SetLineWidth(1.0);
        Canvas.Rectangle(Area.XMin, Area.YMin, Area.XMax - Area.XMin, Area.YMax - Area.YMin);
        Canvas.Clip();
        Canvas.SetLineWidth(originalWidth);

        // The clip is saved here and restored once the stacked areas (always first) are drawn.
        Canvas.Save();
        bool clipRestored = false;
        foreach (var series in data)
        {
            if (!series.Has("stacked") && !clipRestored)
            {
                clipRestored = true;
                Canvas.Restore();
            }
            if (series.Options.TryGetValue("lineWidth", out var lw) && lw is not null) Canvas.SetLineWidth(ToDouble(lw));
            if (series.Options.TryGetValue("dashed", out var dash) && dash is not null)
            {
                float d = (float)ToDouble(dash);
                Canvas.SetDash([d]);
            }
            else Canvas.SetDash(null);

            var axis = AxisOf(series);
            // Shift the start of a series that begins after the graph does.
            double missingPoints = (double)(series.Start - StartTime) / series.Step;
            double startShift = series.XStep * (missingPoints / series.ValuesPerPoint);
            double x = Area.XMin + startShift + _lineWidth / 2.0;
            double y = Area.YMin;
            double startX = x;

            if (series.Options.TryGetValue("invisible", out var invisible) && invisible is not null && GraphParams.Truthy(invisible))
                SetColor(series.Color!, 0, forceAlpha: true);
            else
            {
                double alpha = series.Options.TryGetValue("alpha", out var a) && a is not null && ToDouble(a) is var av && av != 0 ? av : 1.0;
                SetColor(series.Color!, alpha);
            }

            bool stacked = series.Has("stacked");
            bool drawAsInfinite = series.Options.TryGetValue("drawAsInfinite", out var inf) && inf is not null && GraphParams.Truthy(inf);
            int consecutiveNones = 0;
            var values = series.Drawn(_xFilesFactor);
            for (int index = 0; index < values.Length; index++)
            {
                double value = values[index];
                if (double.IsNaN(value) && Params.Truthy("drawNullAsZero")) value = 0.0;
                bool isNone = double.IsNaN(value);
                if (!isNone)
                {
                    // A value a log axis cannot place (<= 0, possible under a user's yMin): upstream then draws at
                    // y = None and fails.
                    y = Math.Max(0, YCoord(value, axis)
                        ?? throw new GraphException($"Logarithmic scale cannot draw the value {value} of {series.Name}"));
                    if (drawAsInfinite && value > 0)
                    {
                        Canvas.MoveTo(x, Area.YMax);
                        Canvas.LineTo(x, Area.YMin);
                        Canvas.Stroke();
                        x += series.XStep;
                        continue;
                    }
                    if (consecutiveNones > 0) startX = x;
                    switch (_lineMode)
                    {
                        case "staircase":
                            if (consecutiveNones > 0) Canvas.MoveTo(x, y);
                            else Canvas.LineTo(x, y);
                            x += series.XStep;
                            Canvas.LineTo(x, y);
                            break;
                        case "slope":
                            if (consecutiveNones > 0) Canvas.MoveTo(x, y);
                            Canvas.LineTo(x, y);
                            x += series.XStep;
                            break;
                        default: // connected
                            if (consecutiveNones > _connectedLimit || consecutiveNones == index) Canvas.MoveTo(x, y);
                            Canvas.LineTo(x, y);
                            x += series.XStep;
                            break;
                    }
                    consecutiveNones = 0;
                }
                else
                {
                    if (consecutiveNones == 0)
                    {
                        Canvas.LineTo(x, y);
                        // Close off and fill the area before the unknown interval.
                        if (stacked) FillAreaAndClip(x, y, startX, YCoord(0, axis));
                    }
                    x += series.XStep;
                    consecutiveNones++;
                }
            }

            if (stacked)
            {
                double xPos = _lineMode == "staircase" ? x : x - series.XStep;
                FillAreaAndClip(xPos, y, startX, YCoord(0, axis));
            }
            else Canvas.Stroke();
            Canvas.SetLineWidth(originalWidth);
        }
        if (!clipRestored) Canvas.Restore();
    }

    /// <summary>
    /// Fills the area under the current path down to the zero line, then clips everything that area covers
    /// (between the path and zero), so the next stacked area only shows above it.
    /// </summary>
    private void FillAreaAndClip(double x, double y, double startX, double? areaYFrom)
    {
        // Python's `or`: a start of 0 or a zero line at pixel 0 counts as not given.
        if (startX == 0) startX = Area.XMin;
        double yFrom = areaYFrom is { } f && f != 0 ? f : Area.YMax;
        using var pattern = Canvas.CopyPath();

        Canvas.LineTo(x, yFrom);
        Canvas.LineTo(startX, yFrom);
        Canvas.ClosePath();
        Canvas.Fill();

        // The clip: the path, then around the plot area above the zero line and again below it.
        Canvas.AppendPath(pattern);
        foreach (double edge in (double[])[Area.YMin, Area.YMax])
        {
            Canvas.LineTo(x, yFrom);
            Canvas.LineTo(Area.XMax, yFrom);
            Canvas.LineTo(Area.XMax, edge);
            Canvas.LineTo(Area.XMin, edge);
            Canvas.LineTo(Area.XMin, yFrom);
            Canvas.LineTo(startX, yFrom);
        }
        Canvas.ClosePath();
        Canvas.Clip();
    }

    private static double ToDouble(object value) => value switch
    {
        double d => d,
        long l => l,
        int i => i,
        bool b => b ? 1 : 0,
        string s when Formatting.PythonParse.TryFloat(s, out var d) => d,
        _ => throw new GraphException($"not a number: {value}"),
    };
}
