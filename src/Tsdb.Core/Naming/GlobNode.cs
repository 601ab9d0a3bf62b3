using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Tsdb.Core.Naming;

/// <summary>
/// Matcher for one dot-separated node of a graphite path pattern, as graphite-web's standard finder
/// does it (finders/__init__.py match_entries + expand_braces, then Python fnmatch, case-sensitive):
/// braces are expanded first (innermost last group first, recursively, empty alternatives allowed),
/// then each variant is an fnmatch pattern: '*', '?', '[abc]', '[a-z]', '[!x]' ('^' is literal),
/// an unclosed '[' is literal. A node without '*', '?', '[' after expansion is an exact name.
/// <para>
/// The variants are not enumerated: n brace groups in one node stand for up to 2^n of them ('{a,b}' thirty
/// times is 2^30). graphite-web's expansion picks the last '{' that has a '}' after it and the first '}'
/// after that, so the groups are exactly the braces paired as by a stack, each splitting at its own commas;
/// a node standing for more than <see cref="MaxLiteralVariants"/> variants is parsed into that tree once and
/// matched by one regular expression with an alternation per group, linear in the pattern's size
/// (NonBacktracking: linear in the name's length too). Fewer variants are expanded as graphite-web does
/// (exact names are then looked up one by one), and a node with two '*' or more ('*a*a*a*b') is matched
/// NonBacktracking too. Only a node whose '[...]' class crosses a brace or comma (or that keeps a backslash)
/// is expanded however many variants it has, at most <see cref="MaxBraceVariants"/>.
/// </para>
/// </summary>
public sealed class GlobNode
{
    /// <summary>Variants a node may expand to when it must be expanded (a '[...]' class crossing a brace group);
    /// over it <see cref="GlobPatternTooComplexException"/> names this limit.</summary>
    public const int MaxBraceVariants = 10_000;

    /// <summary>Exact names listed for a lookup per name; a node standing for more is matched by its regex.</summary>
    public const int MaxLiteralVariants = 256;

    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.Singleline;

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

    /// <summary>True when the node is matched by a list of exact names (every variant is one, and there are at
    /// most <see cref="MaxLiteralVariants"/>).</summary>
    public bool IsLiteral => _regex is null;

    /// <summary>The exact names this node stands for (only meaningful when <see cref="IsLiteral"/>).</summary>
    public IReadOnlyList<string> Literals => _literals;

    /// <summary>Parsed nodes by text: Grafana asks the same patterns again and again (every refresh, every
    /// level of a find), and building a node's regex was ~10% of a find's server CPU. Nodes are immutable
    /// and their regexes thread-safe, so they are shared; the cache is emptied when it reaches
    /// <see cref="MaxCachedNodes"/> (bounded memory whatever patterns arrive).</summary>
    private static readonly ConcurrentDictionary<string, GlobNode> Parsed = new(StringComparer.Ordinal);

    private const int MaxCachedNodes = 1024;

    /// <exception cref="GlobPatternTooComplexException">The node must be expanded and stands for more than
    /// <see cref="MaxBraceVariants"/> variants.</exception>
    public static GlobNode Parse(string text)
    {
        if (Parsed.TryGetValue(text, out var cached)) return cached;
        var node = ParseUncached(text);
        if (Parsed.Count >= MaxCachedNodes) Parsed.Clear();
        Parsed.TryAdd(text, node);
        return node;
    }

    private static GlobNode ParseUncached(string text)
    {
        var tree = BraceTree.Parse(text);
        long count = tree.VariantCount();
        // Two '*' or more can backtrack polynomially ('*a*a*a*b'), nested alternations exponentially.
        bool backtracks = text.Count(c => c == '*') >= 2;
        if (count > MaxLiteralVariants)
        {
            if (tree.SegmentsAreSelfContained() && !text.Contains('\\'))
                return new GlobNode(text, [], Compile(tree.ToRegex(), nonBacktracking: true));
            // A class such as '[{a,b}]' or '{[a,b]}' only means something variant by variant: expand, bounded.
            if (count > MaxBraceVariants)
                throw new GlobPatternTooComplexException(
                    $"Find pattern node '{text}' expands to {(count == long.MaxValue ? "too many" : count.ToString(System.Globalization.CultureInfo.InvariantCulture))} brace variants, more than the limit MaxBraceVariants = {MaxBraceVariants} (a '[...]' class crosses a brace group)");
            backtracks = true;
        }
        var variants = ExpandBraces(text);
        var literals = new List<string>();
        var regexParts = new List<string>();
        foreach (var v in variants)
        {
            if (v.IndexOfAny(['*', '?', '[']) < 0) { literals.Add(v); regexParts.Add(Regex.Escape(v)); }
            else regexParts.Add(FnmatchToRegex(v));
        }
        bool allLiteral = literals.Count == variants.Count && variants.Count <= MaxLiteralVariants;
        Regex? regex = allLiteral ? null : Compile(string.Join("|", regexParts), backtracks);
        return new GlobNode(text, allLiteral ? literals.Distinct(StringComparer.Ordinal).ToArray() : [], regex);
    }

    /// <summary>The backtracking interpreter costs ~1 µs to build, NonBacktracking ~150 µs but matches in time
    /// linear in the name: it is kept for patterns that could backtrack.</summary>
    private static Regex Compile(string body, bool nonBacktracking) =>
        new("^(?:" + body + ")$", nonBacktracking ? Options | RegexOptions.NonBacktracking : Options);

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
                    if (stuff.Length == 0) { sb.Append(negate ? "." : "[^\\s\\S]"); break; }
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

    /// <summary>
    /// The brace groups of one node: braces paired as by a stack (an unpaired '{' or '}' is a plain character),
    /// each group's own commas (not its inner groups') splitting it into alternatives, a group without one
    /// standing for its content. That is what graphite-web's repeated innermost-last expansion produces: the
    /// group it picks always has no brace inside, and what replaces it has no brace and no comma.
    /// </summary>
    private sealed class BraceTree
    {
        /// <summary>A sequence: each part is a string (plain text) or a group (a list of alternative sequences).</summary>
        private sealed class Sequence
        {
            public readonly List<object> Parts = [];
        }

        private readonly Sequence _root;

        private BraceTree(Sequence root) => _root = root;

        public static BraceTree Parse(string s)
        {
            var pair = new int[s.Length];
            Array.Fill(pair, -1);
            var open = new Stack<int>();
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '{') open.Push(i);
                else if (s[i] == '}' && open.Count > 0) { int o = open.Pop(); pair[o] = i; pair[i] = o; }
            }
            return new BraceTree(ParseAlternatives(s, pair, 0, s.Length, inGroup: false)[0]);
        }

        private static List<Sequence> ParseAlternatives(string s, int[] pair, int start, int end, bool inGroup)
        {
            var alternatives = new List<Sequence> { new() };
            var text = new System.Text.StringBuilder();
            void Flush()
            {
                if (text.Length > 0) { alternatives[^1].Parts.Add(text.ToString()); text.Clear(); }
            }
            for (int i = start; i < end; i++)
            {
                char c = s[i];
                if (c == '{' && pair[i] > i)
                {
                    Flush();
                    alternatives[^1].Parts.Add(ParseAlternatives(s, pair, i + 1, pair[i], inGroup: true));
                    i = pair[i];
                }
                else if (c == ',' && inGroup)
                {
                    Flush();
                    alternatives.Add(new Sequence());
                }
                else text.Append(c);
            }
            Flush();
            return alternatives;
        }

        /// <summary>Variants before removing duplicates, saturating at long.MaxValue.</summary>
        public long VariantCount() => Count(_root);

        private static long Count(Sequence seq)
        {
            long product = 1;
            foreach (var part in seq.Parts)
            {
                if (part is not List<Sequence> group) continue;
                long sum = 0;
                foreach (var alt in group) sum = SaturatingAdd(sum, Count(alt));
                product = SaturatingMultiply(product, sum);
            }
            return product;
        }

        private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

        private static long SaturatingMultiply(long a, long b) =>
            a == 0 || b == 0 ? 0 : a > long.MaxValue / b ? long.MaxValue : a * b;

        /// <summary>
        /// True when every '[' closes inside its own plain-text part (by fnmatch's rules): then every variant's
        /// fnmatch tokens never cross a part, and translating part by part is translating each variant.
        /// </summary>
        public bool SegmentsAreSelfContained() => SelfContained(_root);

        private static bool SelfContained(Sequence seq)
        {
            foreach (var part in seq.Parts)
            {
                if (part is string text) { if (!ClassesClose(text)) return false; }
                else foreach (var alt in (List<Sequence>)part) if (!SelfContained(alt)) return false;
            }
            return true;
        }

        private static bool ClassesClose(string pat)
        {
            int i = 0, n = pat.Length;
            while (i < n)
            {
                if (pat[i++] != '[') continue;
                int j = i;
                if (j < n && pat[j] == '!') j++;
                if (j < n && pat[j] == ']') j++;
                while (j < n && pat[j] != ']') j++;
                if (j >= n) return false;
                i = j + 1;
            }
            return true;
        }

        /// <summary>One regular expression for the node (no anchors): an alternation per group.</summary>
        public string ToRegex()
        {
            var sb = new System.Text.StringBuilder();
            Append(_root, sb);
            return sb.ToString();
        }

        private static void Append(Sequence seq, System.Text.StringBuilder sb)
        {
            foreach (var part in seq.Parts)
            {
                if (part is string text) { sb.Append(FnmatchToRegex(text)); continue; }
                var group = (List<Sequence>)part;
                sb.Append("(?:");
                for (int i = 0; i < group.Count; i++)
                {
                    if (i > 0) sb.Append('|');
                    Append(group[i], sb);
                }
                sb.Append(')');
            }
        }
    }
}
