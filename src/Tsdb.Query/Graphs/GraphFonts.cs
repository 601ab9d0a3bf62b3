using System.Collections.Concurrent;
using SkiaSharp;

namespace Tsdb.Query.Graphs;

/// <summary>
/// Typefaces by family name, as fontconfig would answer cairo's select_font_face for graphite-web: the fonts
/// installed under the usual directories (read once), with fontconfig's generic names ("Sans", "Serif",
/// "Mono") mapped to DejaVu; a family that is not installed, or a machine without fonts, gets the DejaVu Sans
/// embedded in this assembly. A missing bold or italic face is synthesized (<see cref="Face.FakeBold"/>,
/// <see cref="Face.FakeItalic"/>).
/// </summary>
public static class GraphFonts
{
    public readonly record struct Face(SKTypeface Typeface, bool FakeBold, bool FakeItalic);

    private static readonly string[] Directories = ["/usr/share/fonts", "/usr/local/share/fonts",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts")];

    private static readonly Dictionary<string, string> Generic = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sans"] = "DejaVu Sans", ["sans-serif"] = "DejaVu Sans", ["serif"] = "DejaVu Serif",
        ["mono"] = "DejaVu Sans Mono", ["monospace"] = "DejaVu Sans Mono",
    };

    private static readonly Lazy<Dictionary<string, List<(string Path, bool Bold, bool Italic)>>> Installed = new(Scan);
    private static readonly Lazy<SKTypeface> Embedded = new(LoadEmbedded);
    private static readonly ConcurrentDictionary<(string, bool, bool), Face> Cache = new();

    public static Face Resolve(string family, bool bold, bool italic) =>
        Cache.GetOrAdd((family, bold, italic), key => Find(key.Item1, key.Item2, key.Item3));

    private static Face Find(string family, bool bold, bool italic)
    {
        string name = Generic.GetValueOrDefault(family, family);
        var faces = Installed.Value.GetValueOrDefault(name) ?? Installed.Value.GetValueOrDefault("DejaVu Sans");
        if (faces is { Count: > 0 })
        {
            var best = faces.OrderBy(f => (f.Bold != bold ? 2 : 0) + (f.Italic != italic ? 1 : 0)).First();
            if (SKTypeface.FromFile(best.Path) is { } typeface)
                return new Face(typeface, bold && !best.Bold, italic && !best.Italic);
        }
        return new Face(Embedded.Value, bold, italic);
    }

    // Regular, bold, italic and bold italic faces of every family found; other weights and widths are left out.
    private static Dictionary<string, List<(string, bool, bool)>> Scan()
    {
        var found = new Dictionary<string, List<(string, bool, bool)>>(StringComparer.OrdinalIgnoreCase);
        foreach (var dir in Directories.Where(Directory.Exists))
        {
            IEnumerable<string> files;
            try { files = Directory.EnumerateFiles(dir, "*.*", SearchOption.AllDirectories).ToList(); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var file in files.Where(f => f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase)))
            {
                using var typeface = SKTypeface.FromFile(file);
                if (typeface is null) continue;
                var style = typeface.FontStyle;
                if (style.Width != (int)SKFontStyleWidth.Normal) continue;
                bool bold = style.Weight >= (int)SKFontStyleWeight.SemiBold;
                if (!bold && style.Weight != (int)SKFontStyleWeight.Normal) continue;
                bool italic = style.Slant != SKFontStyleSlant.Upright;
                if (!found.TryGetValue(typeface.FamilyName, out var list)) found[typeface.FamilyName] = list = [];
                list.Add((file, bold, italic));
            }
        }
        return found;
    }

    private static SKTypeface LoadEmbedded()
    {
        using var stream = typeof(GraphFonts).Assembly.GetManifestResourceStream("Tsdb.Query.Graphs.Fonts.DejaVuSans.ttf")
            ?? throw new InvalidOperationException("the embedded DejaVuSans.ttf is missing from the assembly");
        return SKTypeface.FromStream(stream) ?? throw new InvalidOperationException("the embedded DejaVuSans.ttf does not load");
    }
}
