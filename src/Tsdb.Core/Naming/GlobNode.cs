using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Core.Naming;

/// <summary>
/// Matcher for one dot-separated node of a graphite path pattern, as graphite-web's standard finder
/// does it (finders/__init__.py match_entries + expand_braces, then Python fnmatch, case-sensitive):
/// braces are expanded first (innermost last group first, recursively, empty alternatives allowed),
/// then each variant is an fnmatch pattern: '*', '?', '[abc]', '[a-z]', '[!x]' ('^' is literal),
/// an unclosed '[' is literal. A node without '*', '?', '[' after expansion is an exact name.
/// </summary>
public sealed class GlobNode
{
    private readonly string[] _literals;
    private readonly Regex? _regex;

    private GlobNode(string text, string[] literals, Regex? regex)
    {
        Text = text;
        _literals = literals;
        _regex = regex;
    }

    /// <summary>The node text as written in the query.</summary>
    public string Text { get; }

    /// <summary>True when every variant is an exact name (no fnmatch metacharacters).</summary>
    public bool IsLiteral => _regex is null;

    /// <summary>The exact names this node stands for (only meaningful when <see cref="IsLiteral"/>).</summary>
    public IReadOnlyList<string> Literals => _literals;

    public static GlobNode Parse(string text)
    {
        var variants = ExpandBraces(text);
        var literals = new List<string>();
        var regexParts = new List<string>();
        foreach (var v in variants)
        {
            if (v.IndexOfAny(['*', '?', '[']) < 0) { literals.Add(v); regexParts.Add(Regex.Escape(v)); }
            else regexParts.Add(FnmatchToRegex(v));
        }
        bool allLiteral = literals.Count == variants.Count;
        Regex? regex = allLiteral ? null
            : new Regex("^(?:" + string.Join("|", regexParts) + ")$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
        return new GlobNode(text, allLiteral ? literals.Distinct(StringComparer.Ordinal).ToArray() : [], regex);
    }

    public bool IsMatch(string node)
    {
        if (_regex is not null) return _regex.IsMatch(node);
        foreach (var l in _literals) if (string.Equals(l, node, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>graphite-web expand_braces: regex '.*(\{.*?[^\\]?\})' picks the last '{' that has a
    /// '}' after it and the first '}' following it; with a comma the group (stripped of brace chars)
    /// splits into alternatives, without one only the outer braces go. Escaped '\}' become '}'.</summary>
    internal static List<string> ExpandBraces(string s)
    {
        var result = new List<string>();
        Expand(s, result);
        return result.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void Expand(string s, List<string> result)
    {
        // Find the last '{' such that a '}' follows it (greedy '.*' then lazy group).
        int open = -1, close = -1;
        for (int i = s.Length - 1; i >= 0; i--)
        {
            if (s[i] != '{') continue;
            int c = s.IndexOf('}', i + 1);
            if (c > i) { open = i; close = c; break; }
        }
        if (open < 0)
        {
            result.Add(s.Replace("\\}", "}"));
            return;
        }
        string sub = s.Substring(open, close - open + 1);
        string prefix = s[..open], suffix = s[(close + 1)..];
        if (sub.Contains(','))
        {
            foreach (var alt in sub.Trim('{', '}').Split(','))
                Expand(prefix + alt + suffix, result);
        }
        else
        {
            string inner = sub.Length >= 2 && sub[0] == '{' && sub[^1] == '}' ? sub[1..^1] : sub;
            Expand(prefix + inner + suffix, result);
        }
    }

    /// <summary>Python fnmatch.translate for one variant (without the final anchors).</summary>
    internal static string FnmatchToRegex(string pat)
    {
        var sb = new StringBuilder();
        int i = 0, n = pat.Length;
        while (i < n)
        {
            char c = pat[i++];
            switch (c)
            {
                case '*':
                    sb.Append(".*");
                    while (i < n && pat[i] == '*') i++;
                    break;
                case '?':
                    sb.Append('.');
                    break;
                case '[':
                    int j = i;
                    if (j < n && pat[j] == '!') j++;
                    if (j < n && pat[j] == ']') j++;
                    while (j < n && pat[j] != ']') j++;
                    if (j >= n) { sb.Append("\\["); break; }
                    string stuff = pat[i..j];
                    i = j + 1;
                    bool negate = stuff.StartsWith('!');
                    if (negate) stuff = stuff[1..];
                    if (stuff.Length == 0) { sb.Append(negate ? "." : "(?!)"); break; }
                    var cls = new StringBuilder();
                    foreach (char ch in stuff)
                    {
                        // Escape everything regex-special inside a class except the range dash.
                        if (ch is '\\' or '^' or '[' or ']') cls.Append('\\');
                        cls.Append(ch);
                    }
                    sb.Append('[').Append(negate ? "^" : "").Append(cls).Append(']');
                    break;
                default:
                    sb.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return sb.ToString();
    }
}
