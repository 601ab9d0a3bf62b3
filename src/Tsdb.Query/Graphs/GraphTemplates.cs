namespace Tsdb.Query.Graphs;

/// <summary>A graph template's defaults (glyph.py loadTemplate): colours, the colour list and the font.</summary>
public sealed record GraphTemplate(string Background, string Foreground, string MajorLine, string MinorLine,
    IReadOnlyList<string> LineColors, string FontName, double FontSize, bool FontBold, bool FontItalic);

/// <summary>
/// graphite-web's graphTemplates.conf, as glyph.py's loadTemplate reads it for the `template` option. Without a
/// file (Debian's graphite-web has none) every template is the built-in defaults: white background, black
/// foreground, rose major and grey minor lines, Sans 10. With one, its [default] section overrides those
/// defaults; a template that is a section of the file takes its options from there (each missing one from the
/// defaults), and any other template name is the defaults. Option names are ConfigParser's, lower-cased.
/// </summary>
public sealed class GraphTemplates
{
    private static readonly Dictionary<string, string> Builtin = new(StringComparer.Ordinal)
    {
        ["background"] = "white", ["foreground"] = "black", ["majorline"] = "rose", ["minorline"] = "grey",
        ["linecolors"] = "blue,green,red,purple,brown,yellow,aqua,grey,magenta,pink,gold,rose",
        ["fontname"] = "Sans", ["fontsize"] = "10", ["fontbold"] = "false", ["fontitalic"] = "false",
    };

    private readonly Dictionary<string, string> _defaults;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _sections;

    private GraphTemplates(Dictionary<string, string> defaults, Dictionary<string, IReadOnlyDictionary<string, string>> sections)
    {
        _defaults = defaults;
        _sections = sections;
    }

    /// <summary>No graphTemplates.conf: the built-in defaults for every template.</summary>
    public static GraphTemplates None { get; } = new(Builtin, new(StringComparer.Ordinal));

    /// <summary>
    /// From a parsed graphTemplates.conf (sections in file order, options lower-cased). A file without a
    /// [default] section is refused: glyph.py reads that section for every graph and fails without it.
    /// </summary>
    public static GraphTemplates FromSections(IEnumerable<(string Name, IReadOnlyDictionary<string, string> Options)> sections)
    {
        var all = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var (name, options) in sections) all[name] = options;
        if (!all.TryGetValue("default", out var fileDefaults))
            throw new GraphException("graphTemplates.conf has no [default] section");
        var defaults = new Dictionary<string, string>(Builtin, StringComparer.Ordinal);
        foreach (var (key, value) in fileDefaults) defaults[key] = value;
        return new GraphTemplates(defaults, all);
    }

    /// <summary>The template named (null = "default"), with loadTemplate's fallbacks and conversions.</summary>
    public GraphTemplate Resolve(string? name)
    {
        var options = _sections.GetValueOrDefault(name ?? "default") ?? _defaults;
        string Get(string key) => options.GetValueOrDefault(key) ?? _defaults[key];
        return new GraphTemplate(Get("background"), Get("foreground"), Get("majorline"), Get("minorline"),
            Get("linecolors").Split(',').Select(c => c.Trim()).ToArray(), Get("fontname"),
            Formatting.PythonParse.TryFloat(Get("fontsize"), out var size) ? size : throw new GraphException($"graphTemplates.conf: fontSize '{Get("fontsize")}' is not a number"),
            Get("fontbold").Equals("true", StringComparison.OrdinalIgnoreCase),
            Get("fontitalic").Equals("true", StringComparison.OrdinalIgnoreCase));
    }
}
