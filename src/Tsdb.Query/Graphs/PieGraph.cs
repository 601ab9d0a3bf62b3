using System.Globalization;
using System.Net;

namespace Tsdb.Query.Graphs;

/// <summary>
/// glyph.py's PieGraph (graphType=pie): one slice per (name, value), clockwise from the top, the legend below,
/// and value labels (valueLabels percent, the default, or number) on slices at least valueLabelsMin.
/// Upstream writes a percent label as "%12.34" (the sign first): kept.
/// </summary>
public sealed class PieGraph(GraphCanvas canvas, GraphParams options, GraphTemplate template, double width,
    double height, List<(string Name, double Value)> data)
    : Graph(canvas, options, template, width, height)
{
    private sealed record Slice(string Name, double Value, double Percent, string Color, double Alpha)
    {
        public double MidAngle { get; set; }
    }

    private readonly List<Slice> _slices = [];
    private double _x0, _y0, _radius;

    public void Draw()
    {
        double total = data.Sum(d => d.Value);
        if (data.Count == 0)
        {
            DrawNoData();
            return;
        }
        HasData = true;
        if (total == 0) throw new GraphException("float division by zero");
        double alpha = Params.Truthy("areaAlpha") ? Params.Number("areaAlpha") ?? 1.0 : 1.0;
        foreach (var (name, value) in data) _slices.Add(new Slice(name, value, value / total, NextColor(), alpha));

        SetFont(DefaultFont.Size + Math.Floor(Math.Log(DefaultFont.Size)));
        SetColor(ForegroundColor);
        if (Params.Truthy("title")) DrawTitle(WebUtility.UrlDecode(Params.String("title")!));
        SetFont();
        if (!Params.Truthy("hideLegend") && _slices.Count > 0)
            DrawLegend(_slices.Select(s => new LegendItem(s.Name, s.Color, false)).ToList(), unique: false);
        DrawSlices();

        string labelsColor = Params.Truthy("valueLabelsColor") ? Params.String("valueLabelsColor")! : "black";
        double labelsMin = Params.Float("valueLabelsMin", 5);
        string valueLabels = Params.String("valueLabels") ?? "percent";
        if (valueLabels is not ("none" or "number" or "percent"))
            throw new GraphException($"valueLabels={valueLabels} must be one of ('none', 'number', 'percent')");
        if (valueLabels != "none") DrawLabels(valueLabels, labelsMin, labelsColor);
    }

    private void DrawSlices()
    {
        double theta = 3.0 * Math.PI / 2.0;
        double halfX = (Area.XMax - Area.XMin) / 2.0, halfY = (Area.YMax - Area.YMin) / 2.0;
        _x0 = Area.XMin + halfX;
        _y0 = Area.YMin + halfY;
        _radius = Math.Min(halfX, halfY) * 0.95;
        foreach (var slice in _slices)
        {
            SetColor(slice.Color, slice.Alpha);
            Canvas.MoveTo(_x0, _y0);
            double phi = theta + 2 * Math.PI * slice.Percent;
            Canvas.Arc(_x0, _y0, _radius, theta, phi);
            Canvas.LineTo(_x0, _y0);
            Canvas.Fill();
            slice.MidAngle = ((theta + phi) / 2.0) % (2.0 * Math.PI);
            theta = phi;
        }
    }

    private void DrawLabels(string valueLabels, double labelsMin, string color)
    {
        SetFont();
        SetColor(color);
        var inv = CultureInfo.InvariantCulture;
        bool rotated = (Params.String("pieLabels") ?? "horizontal") == "rotated";
        foreach (var slice in _slices)
        {
            string label;
            if (valueLabels == "percent")
            {
                if (slice.Percent * 100.0 < labelsMin) continue;
                label = "%" + (slice.Percent * 100.0).ToString("F2", inv);
            }
            else
            {
                if (slice.Value < labelsMin) continue;
                label = slice.Value < 10 && slice.Value != Math.Truncate(slice.Value)
                    ? slice.Value.ToString("F2", inv)
                    : ((long)Math.Truncate(slice.Value)).ToString(inv);
            }
            double theta = slice.MidAngle;
            double x = _x0 + _radius / 2.0 * Math.Cos(theta), y = _y0 + _radius / 2.0 * Math.Sin(theta);
            if (rotated)
            {
                if (theta > Math.PI / 2.0 && theta <= 3.0 * Math.PI / 2.0) theta -= Math.PI;
                DrawText(label, x, y, align: "center", valign: "middle", rotate: theta * 180 / Math.PI);
            }
            else DrawText(label, x, y, align: "center", valign: "middle");
        }
    }
}
