using Tsdb.Query.Graphs;

namespace Tsdb.Query.Tests.Graphs;

/// <summary>glyph.py's loadTemplate: built-in defaults without a file; [default] over them; a named section over [default].</summary>
public class GraphTemplatesTests
{
    private static IReadOnlyDictionary<string, string> Options(params (string Key, string Value)[] options) =>
        options.ToDictionary(o => o.Key, o => o.Value);

    [Fact]
    public void Without_a_file_every_template_is_the_built_in_defaults()
    {
        var t = GraphTemplates.None.Resolve("classic");
        Assert.Equal(("white", "black", "rose", "grey"), (t.Background, t.Foreground, t.MajorLine, t.MinorLine));
        Assert.Equal(12, t.LineColors.Count);
        Assert.Equal(("Sans", 10.0, false, false), (t.FontName, t.FontSize, t.FontBold, t.FontItalic));
    }

    [Fact]
    public void A_section_takes_its_options_and_the_rest_from_default()
    {
        var templates = GraphTemplates.FromSections([
            ("default", Options(("background", "ivory"), ("fontsize", "11"))),
            ("dark", Options(("background", "black"), ("linecolors", "#ff0000, 00ff00 "), ("fontbold", "True"))),
        ]);
        var dark = templates.Resolve("dark");
        Assert.Equal(("black", "black", 11.0, true), (dark.Background, dark.Foreground, dark.FontSize, dark.FontBold));
        Assert.Equal(["#ff0000", "00ff00"], dark.LineColors);
        Assert.Equal("ivory", templates.Resolve(null).Background);
        Assert.Equal("ivory", templates.Resolve("unknown").Background);
    }

    [Fact]
    public void A_file_without_a_default_section_is_refused() =>
        Assert.Throws<GraphException>(() => GraphTemplates.FromSections([("dark", Options(("background", "black")))]));
}
