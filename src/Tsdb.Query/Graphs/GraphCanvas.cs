using SkiaSharp;

namespace Tsdb.Query.Graphs;

/// <summary>
/// A cairo context's drawing model over a Skia canvas, so the graph code can follow glyph.py step for step:
/// one current path built by MoveTo/LineTo (a LineTo without a current point starts the path there, as in
/// cairo), consumed by Stroke, Fill or Clip; a current colour, line width and dash; Save/Restore of that state
/// with the clip. Everything is antialiased, text included: glyph.py fills text outlines (text_path), which
/// its font option ANTIALIAS_NONE does not reach.
/// </summary>
public sealed class GraphCanvas(SKCanvas canvas, FontChoice defaultFont)
{
    private SKPathBuilder _path = new();
    private bool _hasCurrentPoint;
    private State _state = new(SKColors.Black, 2.0f, null, defaultFont);
    private readonly Stack<State> _saved = new();

    private readonly record struct State(SKColor Color, float LineWidth, float[]? Dash, FontChoice Font);

    public FontChoice Font => _state.Font;

    public float LineWidth => _state.LineWidth;

    public void SetColor(SKColor color) => _state = _state with { Color = color };

    public void SetLineWidth(double width) => _state = _state with { LineWidth = (float)width };

    /// <summary>cairo set_dash(pattern, 1): on/off lengths, offset 1; null or empty = solid.</summary>
    public void SetDash(float[]? pattern) => _state = _state with { Dash = pattern is { Length: > 0 } ? pattern : null };

    public void SetFont(FontChoice font) => _state = _state with { Font = font };

    public void MoveTo(double x, double y)
    {
        _path.MoveTo((float)x, (float)y);
        _hasCurrentPoint = true;
    }

    public void LineTo(double x, double y)
    {
        if (!_hasCurrentPoint)
        {
            MoveTo(x, y);
            return;
        }
        _path.LineTo((float)x, (float)y);
    }

    public void ClosePath() => _path.Close();

    public void Rectangle(double x, double y, double w, double h)
    {
        MoveTo(x, y);
        _path.LineTo((float)(x + w), (float)y);
        _path.LineTo((float)(x + w), (float)(y + h));
        _path.LineTo((float)x, (float)(y + h));
        _path.Close();
    }

    /// <summary>cairo arc: a line from the current point (if any) to the arc's start, then the arc (angles in radians).</summary>
    public void Arc(double cx, double cy, double radius, double from, double to)
    {
        var oval = new SKRect((float)(cx - radius), (float)(cy - radius), (float)(cx + radius), (float)(cy + radius));
        float startDeg = (float)(from * 180 / Math.PI), sweepDeg = (float)((to - from) * 180 / Math.PI);
        if (!_hasCurrentPoint) _path.ArcTo(oval, startDeg, sweepDeg, true);
        else _path.ArcTo(oval, startDeg, sweepDeg, false);
        _hasCurrentPoint = true;
    }

    public SKPath CopyPath() => _path.Snapshot();

    public void AppendPath(SKPath path)
    {
        _path.AddPath(path);
        _hasCurrentPoint = path.PointCount > 0;
    }

    public void Stroke()
    {
        using var paint = new SKPaint
        {
            Color = _state.Color, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = _state.LineWidth,
            StrokeCap = SKStrokeCap.Butt, StrokeJoin = SKStrokeJoin.Miter,
            PathEffect = _state.Dash is { } dash ? SKPathEffect.CreateDash(dash.Length % 2 == 0 ? dash : [.. dash, .. dash], 1) : null,
        };
        using var path = _path.Snapshot();
        // A dash pattern runs along the whole path, so a dashed one is drawn whole.
        if (_state.Dash is not null || path.PointCount <= StrokeChunk + 1) canvas.DrawPath(path, paint);
        else StrokeInChunks(path, paint);
        NewPath();
    }

    /// <summary>Line segments stroked per draw call (see <see cref="StrokeInChunks"/>).</summary>
    private const int StrokeChunk = 8;

    /// <summary>
    /// Strokes a long path a few segments at a time. Skia's antialiased stroke of a long, self-crossing polyline
    /// (a busy series zig-zags across the plot) is slow: 9 series of 780 points took 113 ms whole, 45 ms in
    /// pieces of 8 segments. The joins inside a piece are kept; pieces overlap where they meet, which only a
    /// translucent colour would show, so a translucent stroke is drawn opaque into a layer of its alpha.
    /// </summary>
    private void StrokeInChunks(SKPath path, SKPaint paint)
    {
        byte alpha = paint.Color.Alpha;
        if (alpha < 255)
        {
            using var layer = new SKPaint { Color = SKColors.Black.WithAlpha(alpha) };
            canvas.SaveLayer(layer);
            paint.Color = paint.Color.WithAlpha(255);
        }
        using var iterator = path.CreateRawIterator();
        var points = new SKPoint[4];
        var piece = new SKPathBuilder();
        int segments = 0;
        bool split = false;
        SKPoint contourStart = default, last = default;
        SKPathVerb verb;
        while ((verb = iterator.Next(points)) != SKPathVerb.Done)
        {
            switch (verb)
            {
                case SKPathVerb.Move:
                    Draw();
                    piece.MoveTo(points[0]);
                    contourStart = last = points[0];
                    split = false;
                    break;
                case SKPathVerb.Line:
                    piece.LineTo(points[1]);
                    last = points[1];
                    if (++segments == StrokeChunk)
                    {
                        Draw();
                        piece.MoveTo(last);
                        split = true;
                    }
                    break;
                case SKPathVerb.Close:
                    // A contour split into pieces closes with a line back to its own start.
                    if (split) piece.LineTo(contourStart);
                    else piece.Close();
                    last = contourStart;
                    break;
            }
        }
        Draw();
        if (alpha < 255) canvas.Restore();

        void Draw()
        {
            if (segments > 0)
            {
                using var p = piece.Detach();
                canvas.DrawPath(p, paint);
            }
            else piece.Reset();
            segments = 0;
        }
    }

    public void Fill()
    {
        using var paint = new SKPaint { Color = _state.Color, IsAntialias = true, Style = SKPaintStyle.Fill };
        _path.FillType = SKPathFillType.Winding;
        using var path = _path.Snapshot();
        canvas.DrawPath(path, paint);
        NewPath();
    }

    /// <summary>Intersects the clip with the current path (winding rule) and clears the path.</summary>
    public void Clip()
    {
        _path.FillType = SKPathFillType.Winding;
        using var path = _path.Snapshot();
        canvas.ClipPath(path, SKClipOperation.Intersect, true);
        NewPath();
    }

    public void Save()
    {
        _saved.Push(_state);
        canvas.Save();
    }

    public void Restore()
    {
        if (_saved.Count == 0) return;
        _state = _saved.Pop();
        canvas.Restore();
    }

    /// <summary>Fills the text's outline with its left end of the baseline at (x, y), turned by <paramref name="degrees"/> about that point.</summary>
    public void FillText(string text, double x, double y, double degrees)
    {
        using var font = _state.Font.CreateFont();
        using var paint = new SKPaint { Color = _state.Color, IsAntialias = true, Style = SKPaintStyle.Fill };
        canvas.Save();
        canvas.Translate((float)x, (float)y);
        if (degrees != 0) canvas.RotateDegrees((float)degrees);
        using var outline = font.GetTextPath(text, SKPoint.Empty);
        canvas.DrawPath(outline, paint);
        canvas.Restore();
        NewPath();
    }

    private void NewPath()
    {
        _path.Reset();
        _hasCurrentPoint = false;
    }
}
