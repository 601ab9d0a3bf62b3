using SkiaSharp;

namespace Tsdb.Query.Graphs;

/// <summary>A family, size and style, as glyph.py's setFont selects them, with cairo's font and text extents.</summary>
public sealed record FontChoice(string Name, double Size, bool Bold, bool Italic)
{
    /// <summary>A Skia font for this choice; the caller disposes it.</summary>
    public SKFont CreateFont()
    {
        var face = GraphFonts.Resolve(Name, Bold, Italic);
        return new SKFont(face.Typeface, (float)Size)
        {
            Embolden = face.FakeBold,
            SkewX = face.FakeItalic ? -0.25f : 0,
            Subpixel = true,
            Hinting = SKFontHinting.None,
        };
    }

    /// <summary>cairo font_extents: ascent, descent (both positive) and the line height.</summary>
    public (double Ascent, double Descent, double Height) Extents()
    {
        using var font = CreateFont();
        var m = font.Metrics;
        return (-m.Ascent, m.Descent, -m.Ascent + m.Descent + m.Leading);
    }

    /// <summary>cairo text_extents' x_advance: how far the text moves the pen.</summary>
    public double Width(string text)
    {
        using var font = CreateFont();
        return font.MeasureText(text);
    }
}
