using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Schemas;

/// <summary>
/// storage-schemas.conf as carbon loads it (lib/carbon/storage.py loadStorageSchemas): sections in file
/// order; a section without 'retentions' or 'pattern' is skipped with a log line, a retention that does not
/// parse is a startup error, an archive list whisper would refuse skips the section; the first section
/// whose pattern (unanchored regex search) matches the name wins; carbon's built-in fallback (60 s x 10080
/// points) is appended last.
/// </summary>
public sealed class StorageSchemaRules
{
    /// <summary>Our documented default without a file (deploy/storage-schemas.conf reproduces it).</summary>
    public const string DefaultRetentions = "1s:1d,1m:30d,5m:1y";

    private readonly List<(string Section, Regex Pattern, IReadOnlyList<ArchiveSpec> Archives)> _rules;

    private StorageSchemaRules(List<(string, Regex, IReadOnlyList<ArchiveSpec>)> rules) => _rules = rules;

    public static StorageSchemaRules Default { get; } = new(
    [
        ("default", new Regex(".*", RegexOptions.CultureInvariant), RetentionParser.ParseList(DefaultRetentions)),
    ]);

    public int Count => _rules.Count;

    public static StorageSchemaRules Load(string path, ILogger logger)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageConfigurationException($"Error: Missing config file or wrong perms on {path} ({e.Message})");
        }
        return Parse(text, path, logger);
    }

    public static StorageSchemaRules Parse(string text, string fileName, ILogger logger)
    {
        var rules = new List<(string, Regex, IReadOnlyList<ArchiveSpec>)>();
        foreach (var section in CarbonIniFile.Parse(text, fileName).Sections)
        {
            if (!section.Options.TryGetValue("retentions", out var retentions))
            {
                StorageLog.SchemaSkipped(logger, fileName, section.Name, "missing 'retentions'");
                continue;
            }
            List<ArchiveSpec> archives;
            try { archives = RetentionParser.ParseList(retentions); }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
                throw new StorageConfigurationException($"{e.Message} in section [{section.Name}] in {fileName}");
            }
            if (!section.Options.TryGetValue("pattern", out var pattern) || pattern.Length == 0)
            {
                StorageLog.SchemaSkipped(logger, fileName, section.Name, "missing 'pattern'");
                continue;
            }
            var regex = CompilePattern(pattern, section.Name, fileName);
            var error = ArchiveListValidator.Validate(archives, out var sorted);
            if (error is not null)
            {
                StorageLog.SchemaSkipped(logger, fileName, section.Name, error);
                continue;
            }
            rules.Add((section.Name, regex, sorted));
        }
        rules.Add(("default", new Regex(".*", RegexOptions.CultureInvariant), [new ArchiveSpec(60, 10080)]));
        return new StorageSchemaRules(rules);
    }

    /// <summary>Archives of the first rule whose pattern matches the (canonical) name.</summary>
    public IReadOnlyList<ArchiveSpec> Match(string name, out string section)
    {
        int index = MatchIndex(name);
        if (index >= 0)
        {
            section = _rules[index].Section;
            return _rules[index].Archives;
        }
        section = "default";
        return NoRuleArchives;
    }

    /// <summary>The index of the first rule whose pattern matches, or -1 (none: <see cref="ArchivesOf"/> gives
    /// carbon's fallback). The rules end with a catch-all, so -1 only happens for rules built without one.</summary>
    internal int MatchIndex(string name)
    {
        for (int i = 0; i < _rules.Count; i++)
            if (Matches(_rules[i].Pattern, name)) return i;
        return -1;
    }

    /// <summary>The archives of rule <paramref name="index"/> from <see cref="MatchIndex"/>.</summary>
    internal IReadOnlyList<ArchiveSpec> ArchivesOf(int index) => index >= 0 ? _rules[index].Archives : NoRuleArchives;

    private static readonly IReadOnlyList<ArchiveSpec> NoRuleArchives = [new ArchiveSpec(60, 10080)];

    /// <summary>Python re.search: ".*" (every default rule) matches any name without running the regex,
    /// which showed in profiles of a restart that recreates a million series.</summary>
    internal static bool Matches(Regex regex, string name) => regex.ToString() is ".*" || regex.IsMatch(name);

    internal static Regex CompilePattern(string pattern, string section, string fileName)
    {
        try { return new Regex(pattern, RegexOptions.CultureInvariant); }
        catch (ArgumentException e)
        {
            throw new StorageConfigurationException($"Invalid pattern '{pattern}' in section [{section}] in {fileName}: {e.Message}");
        }
    }
}
