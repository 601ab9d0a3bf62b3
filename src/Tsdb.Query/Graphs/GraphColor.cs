using System.Globalization;
using SkiaSharp;

namespace Tsdb.Query.Graphs;

/// <summary>
/// Colours as glyph.py's setColor reads them: a name of its alias table, or hex "rrggbb" (a leading '#' or
/// "%23" dropped) with an optional "aa" alpha byte. An alpha given by the caller applies unless the colour
/// carries its own (and forceAlpha is false).
/// </summary>
public static class GraphColor
{
    private static readonly Dictionary<string, (byte R, byte G, byte B)> Aliases = new(StringComparer.Ordinal)
    {
        ["black"] = (0, 0, 0), ["white"] = (255, 255, 255), ["blue"] = (100, 100, 255), ["green"] = (0, 200, 0),
        ["red"] = (200, 0, 50), ["yellow"] = (255, 255, 0), ["orange"] = (255, 165, 0), ["purple"] = (200, 100, 255),
        ["brown"] = (150, 100, 50), ["cyan"] = (0, 255, 255), ["aqua"] = (0, 150, 150), ["gray"] = (175, 175, 175),
        ["grey"] = (175, 175, 175), ["magenta"] = (255, 0, 255), ["pink"] = (255, 100, 100), ["gold"] = (200, 200, 0),
        ["rose"] = (200, 150, 200), ["darkblue"] = (0, 0, 255), ["darkgreen"] = (0, 255, 0), ["darkred"] = (255, 0, 0),
        ["darkgray"] = (111, 111, 111), ["darkgrey"] = (111, 111, 111),
    };

    /// <summary>The colour with <paramref name="alpha"/> (0..1) unless the text names its own alpha.</summary>
    public static SKColor Parse(string value, double alpha = 1.0, bool forceAlpha = false)
    {
        if (Aliases.TryGetValue(value, out var rgb)) return Make(rgb.R, rgb.G, rgb.B, alpha);
        string s = value;
        if (s.Length >= 6)
        {
            if (s[0] == '#') s = s[1..];
            if (s.StartsWith("%23", StringComparison.Ordinal)) s = s[3..];
            if (s.Length >= 6 && Hex(s, 0) is { } r && Hex(s, 2) is { } g && Hex(s, 4) is { } b)
            {
                if (s.Length == 8 && !forceAlpha && Hex(s, 6) is { } a) alpha = a / 255.0;
                return Make(r, g, b, alpha);
            }
        }
        throw new GraphException($"Must specify an RGB 3-tuple, an html color string, or a known color alias! ({value})");
    }

    private static byte? Hex(string s, int at) =>
        at + 2 <= s.Length && byte.TryParse(s.AsSpan(at, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b) ? b : null;

    private static SKColor Make(byte r, byte g, byte b, double alpha) =>
        new(r, g, b, (byte)Math.Clamp(Math.Round(alpha * 255), 0, 255));
}
