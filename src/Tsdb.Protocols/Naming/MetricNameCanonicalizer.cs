using System.Text;

namespace Tsdb.Protocols.Naming;

/// <summary>
/// Turns a received metric name into the name carbon stores and graphite-web lists.
/// Tagged names follow carbon's <c>TaggedSeries.parse(...).path</c> (carbon <c>lib/carbon/util.py</c>,
/// applied by <c>CacheFeedingProcessor.process</c> in <c>cache.py</c>): <c>name;tag=value;...</c> or OpenMetrics
/// <c>name{tag="value",...}</c>, the implicit <c>name</c> tag (leading '~' removed), and the
/// <c>;tag=value</c> strings sorted as whole strings, last duplicate winning.
/// Untagged names get whisper's path mapping (<c>TaggedSeries.encode</c> + the file system): '.' and '/'
/// both separate nodes and empty nodes vanish, so <c>a..b</c>, <c>.a.b</c> and <c>a/b</c> all list as <c>a.b</c>.
/// Deliberate difference: carbon logs a tag parse error and stores the raw name; we reject the name so a
/// malformed tagged name is counted instead of stored under a name no tag query can find.
/// </summary>
public static class MetricNameCanonicalizer
{
    private const string ProhibitedTagChars = ";!^=";

    /// <summary>
    /// Most nodes an untagged name may have. carbon's whisper file for a deeper name cannot exist (PATH_MAX
    /// 4096 bytes holds at most 2048 one-character nodes), and the name tree walks a name node by node, so a
    /// 100,000-node name is counted as invalid instead of stored.
    /// </summary>
    public const int MaxNodes = 2048;

    public static bool TryCanonicalize(string raw, out string canonical, out string? error)
    {
        canonical = raw;
        // Deliberate difference: carbon stores control characters (U+0000-U+001F that Python does not split
        // on, and U+007F) in file names; they are never a real metric name, so the point is counted as invalid.
        int control = raw.AsSpan().IndexOfAnyInRange('\u0000', '\u001f');
        if (control < 0) control = raw.IndexOf('\u007f');
        if (control >= 0)
        {
            error = $"metric name contains the control character U+{(int)raw[control]:X4}";
            return false;
        }
        if (IsPlainCanonical(raw))
        {
            error = null;
            return true;
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? metric;
        error = raw.EndsWith("\"}", StringComparison.Ordinal) && raw.Contains('{')
            ? ParseOpenMetrics(raw, tags, out metric)
            : ParseCarbon(raw, tags, out metric);
        if (error is not null) return false;

        string name = metric!.TrimStart('~');
        if (name.Length == 0)
        {
            error = $"metric name '{metric}' is empty once its leading '~' are removed";
            return false;
        }
        tags.Remove("name");
        if (tags.Count == 0 && !name.Contains(';')) return TryCollapseNodes(raw, name, out canonical, out error);

        var parts = new string[tags.Count];
        int i = 0;
        foreach (var (tag, value) in tags) parts[i++] = $";{tag}={value}";
        Array.Sort(parts, CodePointComparer.Instance);
        canonical = string.Concat(name, string.Concat(parts));
        if (canonical == raw) canonical = raw;
        return true;
    }

    private static string? ParseCarbon(string raw, Dictionary<string, string> tags, out string? metric)
    {
        string[] segments = raw.Split(';');
        metric = segments[0];
        if (metric.Length == 0) return "no metric name before the first ';'";
        for (int i = 1; i < segments.Length; i++)
        {
            int eq = segments[i].IndexOf('=');
            if (eq <= 0) return $"invalid tag segment '{segments[i]}'";
            string tag = segments[i][..eq], value = segments[i][(eq + 1)..];
            string? invalid = ValidateTagAndValue(tag, value);
            if (invalid is not null) return invalid;
            tags[tag] = value;
        }
        return null;
    }

    // OpenMetrics form: carbon splits on '{' (more than one '{' fails), then repeatedly matches
    // ([^=]+)="((?:\\["\\]|[^"\\])+)"(:?,|$) — note the separator is ",", ":," or the end.
    private static string? ParseOpenMetrics(string raw, Dictionary<string, string> tags, out string? metric)
    {
        ReadOnlySpan<char> body = raw.AsSpan(0, raw.Length - 1);
        int brace = body.IndexOf('{');
        metric = raw[..brace];
        ReadOnlySpan<char> rest = body[(brace + 1)..];
        if (rest.Contains('{')) return "more than one '{' in an OpenMetrics name";
        if (metric.Length == 0) return "no metric name before '{'";

        var value = new StringBuilder();
        while (!rest.IsEmpty)
        {
            int eq = rest.IndexOf('=');
            if (eq <= 0 || eq + 1 >= rest.Length || rest[eq + 1] != '"') return $"invalid tag segment '{rest}'";
            string tag = rest[..eq].ToString();
            int pos = eq + 2;
            value.Clear();
            while (pos < rest.Length && rest[pos] != '"')
            {
                if (rest[pos] == '\\')
                {
                    if (pos + 1 >= rest.Length || rest[pos + 1] is not ('"' or '\\')) return $"invalid escape in tag '{tag}'";
                    value.Append(rest[pos + 1]);
                    pos += 2;
                }
                else
                {
                    value.Append(rest[pos++]);
                }
            }
            if (pos >= rest.Length || value.Length == 0) return $"invalid value for tag '{tag}'";
            pos++;
            if (pos < rest.Length)
            {
                if (rest[pos] == ',') pos++;
                else if (rest[pos] == ':' && pos + 1 < rest.Length && rest[pos + 1] == ',') pos += 2;
                else return $"invalid separator after tag '{tag}'";
            }
            string text = value.ToString();
            string? invalid = ValidateTagAndValue(tag, text);
            if (invalid is not null) return invalid;
            tags[tag] = text;
            rest = rest[pos..];
        }
        return null;
    }

    private static string? ValidateTagAndValue(string tag, string value)
    {
        if (tag.Length == 0) return "empty tag";
        if (value.Length == 0) return $"empty value for tag '{tag}'";
        if (tag.AsSpan().IndexOfAny(ProhibitedTagChars) >= 0) return $"tag '{tag}' contains one of ';!^='";
        if (value.Contains(';')) return $"value of tag '{tag}' contains ';'";
        if (value[0] == '~') return $"value of tag '{tag}' starts with '~'";
        return null;
    }

    /// <summary>
    /// The common case, decided without allocating: no tags (';'), no OpenMetrics braces, no '/', no leading
    /// '~', and dot-separated nodes none of which is empty, at most <see cref="MaxNodes"/>. Such a name is
    /// already canonical (what the full parse would give back is the same text).
    /// </summary>
    private static bool IsPlainCanonical(string raw)
    {
        if (raw.Length == 0 || raw[0] == '.' || raw[0] == '~' || raw[^1] == '.') return false;
        if (raw.AsSpan().IndexOfAny(";/{") >= 0 || raw.Contains("..", StringComparison.Ordinal)) return false;
        return raw.AsSpan().Count('.') < MaxNodes;
    }

    private static bool TryCollapseNodes(string raw, string name, out string canonical, out string? error)
    {
        error = null;
        string[] nodes = name.Split(['.', '/'], StringSplitOptions.RemoveEmptyEntries);
        if (nodes.Length == 0)
        {
            canonical = raw;
            error = $"metric name '{raw}' has no path nodes";
            return false;
        }
        if (nodes.Length > MaxNodes)
        {
            canonical = raw;
            error = $"metric name has {nodes.Length} nodes, more than {MaxNodes}";
            return false;
        }
        canonical = string.Join('.', nodes);
        if (canonical == raw) canonical = raw;
        return true;
    }
}
