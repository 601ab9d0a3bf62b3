using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// Python re semantics on .NET Regex for aliasSub, grep, exclude and friends. Patterns: the
/// Python-only forms (?P&lt;name&gt;...), (?P=name) and \Z are rewritten; named groups become plain
/// groups so that group numbers stay Python's left-to-right order (.NET numbers named groups last);
/// the rest of the syntax graphite users write is shared. Replacements follow re.sub: \1..\99, \g&lt;1&gt;, \g&lt;name&gt; are group
/// references, \n \t \r \f \v \a \b \\ are escapes, other backslashes stay literal, and a literal '$'
/// (special in .NET replacements) is escaped. A bad pattern or reference is a 400.
/// </summary>
public static class PythonRegex
{
    /// <summary>
    /// Per match (one series name): a name is at most a few KB and a sane pattern matches it in microseconds,
    /// so 250 ms is only reached by catastrophic backtracking; it then ends the request (503) after at most
    /// that much of one core, instead of the 2 s it used to hold a core that ingestion shares.
    /// </summary>
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>A compiled pattern and its Python group names (name -> group number).</summary>
    public sealed record Compiled(Regex Regex, IReadOnlyDictionary<string, int> GroupNames);

    public static Compiled Compile(string pattern)
    {
        var (translated, names) = TranslatePattern(pattern);
        try
        {
            return new Compiled(new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout), names);
        }
        catch (ArgumentException e)
        {
            throw new QueryException($"Invalid regular expression '{pattern}': {e.Message}");
        }
    }

    /// <summary>Python re.sub(pattern, replacement, input): every non-overlapping match replaced.</summary>
    public static string Sub(string pattern, string replacement, string input)
    {
        var compiled = Compile(pattern);
        string netReplacement = TranslateReplacement(replacement, compiled);
        return compiled.Regex.Replace(input, netReplacement);
    }

    /// <summary>Python re.search: does the pattern match anywhere in the input.</summary>
    public static bool Search(string pattern, string input) => Compile(pattern).Regex.IsMatch(input);

    public static (string Pattern, Dictionary<string, int> GroupNames) TranslatePattern(string pattern)
    {
        var sb = new StringBuilder(pattern.Length);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        int groups = 0;
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                char next = pattern[i + 1];
                if (next == 'Z' && !inClass) sb.Append("\\z");
                else sb.Append(c).Append(next);
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                sb.Append(c);
                // A ']' right after '[' or '[^' is a literal member in both dialects.
                if (i + 1 < pattern.Length && pattern[i + 1] == '^') { sb.Append('^'); i++; }
                if (i + 1 < pattern.Length && pattern[i + 1] == ']') { sb.Append("\\]"); i++; }
                continue;
            }
            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                int close = pattern.IndexOf('>', i + 4);
                if (close < 0) throw new QueryException($"Invalid regular expression '{pattern}': missing >, unterminated name");
                names[pattern[(i + 4)..close]] = ++groups;
                sb.Append('(');
                i = close;
                continue;
            }
            if (c == '(' && string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0)
            {
                int close = pattern.IndexOf(')', i + 4);
                if (close < 0 || !names.TryGetValue(pattern[(i + 4)..close], out int number))
                    throw new QueryException($"Invalid regular expression '{pattern}': unknown group name");
                sb.Append("(?:\\").Append(number).Append(')');
                i = close;
                continue;
            }
            if (c == '(' && (i + 1 >= pattern.Length || pattern[i + 1] != '?')) groups++;
            sb.Append(c);
        }
        return (sb.ToString(), names);
    }

    /// <summary>A Python re.sub replacement template as a .NET replacement pattern for <paramref name="regex"/>.</summary>
    public static string TranslateReplacement(string replacement, Compiled regex)
    {
        var sb = new StringBuilder(replacement.Length + 8);
        for (int i = 0; i < replacement.Length; i++)
        {
            char c = replacement[i];
            if (c == '$') { sb.Append("$$"); continue; }
            if (c != '\\' || i + 1 >= replacement.Length) { sb.Append(c); continue; }
            char next = replacement[i + 1];
            if (char.IsAsciiDigit(next))
            {
                int end = i + 1;
                while (end < replacement.Length && end < i + 3 && char.IsAsciiDigit(replacement[end])) end++;
                if (next == '0')
                {
                    // \0 is an octal escape in Python (NUL), not a group.
                    sb.Append('\0');
                    i++;
                    continue;
                }
                AppendGroup(sb, replacement[(i + 1)..end], regex);
                i = end - 1;
                continue;
            }
            if (next == 'g')
            {
                int open = i + 2;
                int close = open < replacement.Length && replacement[open] == '<' ? replacement.IndexOf('>', open) : -1;
                if (close < 0) throw new QueryException("Invalid replacement: missing group name in \\g<...>");
                AppendGroup(sb, replacement[(open + 1)..close], regex);
                i = close;
                continue;
            }
            string? escape = next switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'f' => "\f",
                'v' => "\v",
                'a' => "\a",
                'b' => "\b",
                '\\' => "\\",
                _ => null,
            };
            if (escape is not null) { sb.Append(escape); i++; continue; }
            if (char.IsAsciiLetter(next))
                throw new QueryException($"Invalid replacement: bad escape \\{next}");
            sb.Append('\\');
        }
        return sb.ToString();
    }

    private static void AppendGroup(StringBuilder sb, string group, Compiled compiled)
    {
        if (!int.TryParse(group, out int number) && !compiled.GroupNames.TryGetValue(group, out number))
            throw new QueryException($"Invalid replacement: unknown group name '{group}'");
        if (number > compiled.Regex.GetGroupNumbers().Max())
            throw new QueryException($"Invalid replacement: invalid group reference {number}");
        sb.Append("${").Append(number).Append('}');
    }
}
