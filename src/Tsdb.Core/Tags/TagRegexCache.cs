using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Tsdb.Core.Tags;

/// <summary>
/// Compiled regexes of tag expressions and filters, shared by every query (Grafana repeats the same
/// expressions on every refresh). Bounded: when full it is cleared rather than tracked per entry.
/// </summary>
internal static class TagRegexCache
{
    private const int Capacity = 1024;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <summary>Python re semantics as far as .NET allows: case-sensitive, '.' stops at newlines.
    /// An invalid pattern is a user mistake.</summary>
    public static Regex Get(string pattern)
    {
        if (Cache.TryGetValue(pattern, out var regex)) return regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new TagQueryException($"Invalid regular expression {pattern}: {e.Message}");
        }
        if (Cache.Count >= Capacity) Cache.Clear();
        Cache[pattern] = regex;
        return regex;
    }

    /// <summary>graphite-web's anchoring of tag regexes and filters (tags/localdatabase.py):
    /// '^(' + spec + ')' unless the spec already starts with '^'; matched with re.match (start only).</summary>
    public static Regex Anchored(string spec) => Get(spec.StartsWith('^') ? spec : "^(" + spec + ")");
}
