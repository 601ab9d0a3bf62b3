using System.Text;

namespace Tsdb.Storage.Schemas;

/// <summary>
/// An INI file read the way carbon reads storage-schemas.conf / storage-aggregation.conf: Python 3
/// ConfigParser (strict, '=' or ':' splits at the first of either, full-line '#'/';' comments, inline
/// comments kept, option names lower-cased, indented lines continue a value, [DEFAULT] values shared,
/// '%' interpolation) plus carbon conf.py OrderedConfigParser (sections in file order).
/// </summary>
public sealed class CarbonIniFile
{
    private CarbonIniFile(List<IniSection> sections) => Sections = sections;

    /// <summary>Sections in file order; [DEFAULT]'s options are merged into each (and it is listed itself).</summary>
    public IReadOnlyList<IniSection> Sections { get; }

    /// <exception cref="StorageConfigurationException">On any ConfigParser parsing error, naming the file and line.</exception>
    public static CarbonIniFile Parse(string text, string fileName)
    {
        var sections = new List<(string Name, List<KeyValuePair<string, string>> Options)>();
        var defaults = new List<KeyValuePair<string, string>>();
        List<KeyValuePair<string, string>>? current = null;
        var seenSections = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>? seenOptions = null;
        int valueIndex = -1, valueIndent = 0, lineNo = 0;

        foreach (var rawLine in text.Replace("\r\n", "\n").Split('\n'))
        {
            lineNo++;
            string trimmed = rawLine.Trim();
            int indent = rawLine.Length - rawLine.TrimStart().Length;
            if (trimmed.Length == 0 || trimmed[0] is '#' or ';')
            {
                if (trimmed.Length == 0) valueIndex = -1;
                continue;
            }
            // An indented line after an option continues its value (ConfigParser multi-line values).
            if (current is not null && valueIndex >= 0 && indent > valueIndent)
            {
                var kv = current[valueIndex];
                current[valueIndex] = new(kv.Key, kv.Value + "\n" + trimmed);
                continue;
            }
            valueIndent = indent;
            if (trimmed[0] == '[' && trimmed.LastIndexOf(']') > 1)
            {
                string name = trimmed[1..trimmed.LastIndexOf(']')];
                valueIndex = -1;
                // carbon's OrderedConfigParser lists only lines that end with ']' (including [DEFAULT],
                // which ConfigParser.items() then serves from the defaults alone).
                bool listed = trimmed[^1] == ']';
                if (name == "DEFAULT")
                {
                    current = defaults;
                    seenOptions = new(StringComparer.Ordinal);
                    if (listed) sections.Add((name, []));
                    continue;
                }
                if (!seenSections.Add(name))
                    throw Error(fileName, lineNo, $"section '{name}' already exists");
                current = new List<KeyValuePair<string, string>>();
                seenOptions = new HashSet<string>(StringComparer.Ordinal);
                if (listed) sections.Add((name, current));
                continue;
            }
            if (current is null)
                throw Error(fileName, lineNo, "file contains no section headers");
            int sep = trimmed.IndexOfAny(['=', ':']);
            string key = sep < 0 ? "" : trimmed[..sep].TrimEnd().ToLowerInvariant();
            if (key.Length == 0)
                throw Error(fileName, lineNo, $"cannot parse line '{trimmed}'");
            if (!seenOptions!.Add(key))
                throw Error(fileName, lineNo, $"option '{key}' already exists in this section");
            current.Add(new(key, trimmed[(sep + 1)..].Trim()));
            valueIndex = current.Count - 1;
        }

        var result = new List<IniSection>(sections.Count);
        foreach (var (name, options) in sections)
        {
            var merged = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var kv in defaults) merged[kv.Key] = kv.Value.Trim();
            foreach (var kv in options) merged[kv.Key] = kv.Value.Trim();
            var interpolated = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in merged) interpolated[k] = Interpolate(v, merged, fileName, name, 0);
            result.Add(new IniSection(name, interpolated));
        }
        return new CarbonIniFile(result);
    }

    /// <summary>ConfigParser BasicInterpolation: '%%' is '%', '%(key)s' is another option's value,
    /// any other '%' is an error (carbon fails at startup on it).</summary>
    private static string Interpolate(string value, Dictionary<string, string> options, string file, string section, int depth)
    {
        if (!value.Contains('%')) return value;
        if (depth > 10) throw new StorageConfigurationException($"{file}: [{section}] interpolation is too deeply recursive");
        var sb = new StringBuilder();
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c != '%') { sb.Append(c); continue; }
            if (i + 1 < value.Length && value[i + 1] == '%') { sb.Append('%'); i++; continue; }
            int close = value.IndexOf(")s", i, StringComparison.Ordinal);
            if (i + 1 < value.Length && value[i + 1] == '(' && close > 0)
            {
                string key = value[(i + 2)..close].ToLowerInvariant();
                if (!options.TryGetValue(key, out var referenced))
                    throw new StorageConfigurationException($"{file}: [{section}] bad interpolation: option '{key}' not found");
                sb.Append(Interpolate(referenced, options, file, section, depth + 1));
                i = close + 1;
                continue;
            }
            throw new StorageConfigurationException($"{file}: [{section}] '%' must be followed by '%' or '(' in '{value}'");
        }
        return sb.ToString();
    }

    private static StorageConfigurationException Error(string file, int line, string message) =>
        new($"{file}, line {line}: {message}");
}

/// <summary>One section: its name and its options (lower-cased names, stripped values).</summary>
public sealed record IniSection(string Name, IReadOnlyDictionary<string, string> Options);
