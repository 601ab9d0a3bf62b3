using System.Globalization;
using Tsdb.Query.Api;

namespace Tsdb.Query.Graphs;

/// <summary>
/// The graph options of one /render request, typed as graphite-web's parseOptions types them (render/views.py):
/// of the names the graph class lists as customizable, a value of digits (optionally '-') is an int unless the
/// name contains "color", digits with one '.' a float, "true"/"false" a bool, "default" or "" is dropped, and
/// anything else stays a string. The getters then read them the way glyph.py does (float(x), int(x), truthiness).
/// </summary>
public sealed class GraphParams
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Graph.customizable, LineGraph.customizable and PieGraph.customizable (render/glyph.py).</summary>
    private static readonly string[] GraphNames =
        ["width", "height", "margin", "bgcolor", "fgcolor", "fontName", "fontSize", "fontBold", "fontItalic",
         "colorList", "template", "yAxisSide", "outputFormat"];

    private static readonly string[] LineNames =
        ["title", "vtitle", "lineMode", "lineWidth", "hideLegend", "hideAxes", "minXStep", "hideGrid",
         "majorGridLineColor", "minorGridLineColor", "thickness", "min", "max", "graphOnly", "yMin", "yMax",
         "yLimit", "yStep", "areaMode", "areaAlpha", "drawNullAsZero", "tz", "yAxisSide", "pieMode", "yUnitSystem",
         "logBase", "yMinLeft", "yMinRight", "yMaxLeft", "yMaxRight", "yLimitLeft", "yLimitRight", "yStepLeft",
         "yStepRight", "rightWidth", "rightColor", "rightDashed", "leftWidth", "leftColor", "leftDashed", "xFormat",
         "minorY", "hideYAxis", "uniqueLegend", "vtitleRight", "yDivisors", "connectedLimit", "hideXAxis",
         "hideNullFromLegend"];

    private static readonly string[] PieNames =
        ["title", "valueLabels", "valueLabelsMin", "hideLegend", "pieLabels", "areaAlpha", "valueLabelsColor"];

    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    /// <summary>Options set directly (tests, and the defaults width 330 / height 250 parseOptions starts with).</summary>
    public GraphParams(IEnumerable<KeyValuePair<string, object>> values)
    {
        foreach (var (k, v) in values) _values[k] = v;
    }

    /// <summary>parseOptions: width 330, height 250, outputFormat, then every customizable name present.</summary>
    public static GraphParams Parse(RequestParameters p, bool pie, string outputFormat)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["width"] = 330L, ["height"] = 250L, ["outputFormat"] = outputFormat,
        };
        foreach (var name in GraphNames.Concat(pie ? PieNames : LineNames).Distinct())
        {
            if (p.Get(name) is not { } text) continue;
            if (Typed(name, text) is { } v) values[name] = v;
        }
        return new GraphParams(values);
    }

    /// <summary>One value as parseOptions types it; null when it is "default" or empty (left out).</summary>
    public static object? Typed(string name, string text)
    {
        bool isColor = name.Contains("color", StringComparison.OrdinalIgnoreCase);
        if (!isColor && IsDigits(text.StartsWith('-') ? text[1..] : text))
            return long.TryParse(text, NumberStyles.AllowLeadingSign, Inv, out var l) ? (object)l : double.Parse(text, Inv);
        if (text.Contains('.'))
        {
            string body = text.StartsWith('-') ? text[1..] : text;
            int dot = body.IndexOf('.');
            if (IsDigits(body.Remove(dot, 1))) return double.Parse(text, Inv);
        }
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase)) return true;
        if (text.Equals("false", StringComparison.OrdinalIgnoreCase)) return false;
        if (text.Equals("default", StringComparison.OrdinalIgnoreCase) || text.Length == 0) return null;
        return text;
    }

    // str.isdigit(): non-empty, every character a digit.
    private static bool IsDigits(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    public bool Has(string name) => _values.ContainsKey(name);

    public object? Raw(string name) => _values.GetValueOrDefault(name);

    public void Set(string name, object value) => _values[name] = value;

    /// <summary>Python truthiness of the option, or <paramref name="fallback"/> when absent.</summary>
    public bool Truthy(string name, bool fallback = false) => _values.TryGetValue(name, out var v) ? Truthy(v) : fallback;

    public static bool Truthy(object v) => v switch
    {
        bool b => b,
        long l => l != 0,
        double d => d != 0,
        string s => s.Length > 0,
        _ => true,
    };

    /// <summary>float(option): ints and floats as they are, strings parsed as Python's float() does.</summary>
    public double Float(string name, double fallback) => _values.TryGetValue(name, out var v) ? ToFloat(name, v) : fallback;

    /// <summary>The option as a number when it is one (or a string float() accepts), else null.</summary>
    public double? Number(string name) => _values.TryGetValue(name, out var v) ? ToFloat(name, v) : null;

    /// <summary>int(option): floats truncate, strings must be an int literal.</summary>
    public long Int(string name, long fallback)
    {
        if (!_values.TryGetValue(name, out var v)) return fallback;
        return v switch
        {
            long l => l,
            double d => (long)Math.Truncate(d),
            bool b => b ? 1 : 0,
            string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, Inv, out var l) => l,
            _ => throw new GraphException($"invalid literal for int() with base 10: '{v}'"),
        };
    }

    /// <summary>The option as text: str() of whatever it was typed as (unquote_plus is the caller's).</summary>
    public string? String(string name) => _values.TryGetValue(name, out var v) ? Str(v) : null;

    public static string Str(object v) => v switch
    {
        bool b => b ? "True" : "False",
        long l => l.ToString(Inv),
        double d => Formatting.PythonFormat.Repr(d),
        _ => v.ToString() ?? "",
    };

    private static double ToFloat(string name, object v) => v switch
    {
        long l => l,
        double d => d,
        bool b => b ? 1 : 0,
        string s when Formatting.PythonParse.TryFloat(s, out var d) => d,
        _ => throw new GraphException($"could not convert string to float: '{v}' ({name})"),
    };
}
