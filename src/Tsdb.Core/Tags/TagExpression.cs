using System.Text.RegularExpressions;

namespace Tsdb.Core.Tags;

public enum TagOperator
{
    Equal,
    NotEqual,
    Match,
    NotMatch,
}

/// <summary>
/// One seriesByTag expression (graphite-web tags/base.py parse_tagspec, tags/localdatabase.py):
/// <c>^([^;!=]+)(!?=~?)([^;]*)$</c> gives tag, operator and spec. Regexes are anchored at the start only.
/// A series without the tag has the value "" for it, so an expression matching "" also matches series
/// lacking the tag (<see cref="MatchesEmpty"/>).
/// </summary>
public sealed partial class TagExpression
{
    private readonly Regex? _regex;

    private TagExpression(string text, string tag, TagOperator op, string spec)
    {
        Text = text;
        Tag = tag;
        Operator = op;
        Spec = spec;
        if (op is TagOperator.Match or TagOperator.NotMatch) _regex = TagRegexCache.Anchored(spec);
        MatchesEmpty = Matches("");
    }

    public string Text { get; }
    public string Tag { get; }
    public TagOperator Operator { get; }
    public string Spec { get; }
    public bool MatchesEmpty { get; }

    [GeneratedRegex(@"^([^;!=]+)(!?=~?)([^;]*)$")]
    private static partial Regex Grammar();

    /// <exception cref="TagQueryException">"Invalid tagspec &lt;text&gt;" as graphite-web words it.</exception>
    public static TagExpression Parse(string text)
    {
        var m = Grammar().Match(text);
        if (!m.Success) throw new TagQueryException($"Invalid tagspec {text}");
        var op = m.Groups[2].Value switch
        {
            "=" => TagOperator.Equal,
            "!=" => TagOperator.NotEqual,
            "=~" => TagOperator.Match,
            "!=~" => TagOperator.NotMatch,
            var other => throw new TagQueryException($"Invalid operator {other}"),
        };
        return new TagExpression(text, m.Groups[1].Value, op, m.Groups[3].Value);
    }

    /// <summary>Whether a series whose value for <see cref="Tag"/> is <paramref name="value"/> ("" when
    /// absent) satisfies the expression.</summary>
    public bool Matches(string value) => Operator switch
    {
        TagOperator.Equal => value == Spec,
        TagOperator.NotEqual => value != Spec,
        TagOperator.Match => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };

    /// <summary>Parses every expression and applies graphite-web's rule that at least one of them must
    /// require a non-empty value (otherwise every series without those tags would match).</summary>
    public static IReadOnlyList<TagExpression> ParseAll(IEnumerable<string> texts)
    {
        var list = texts.Select(Parse).ToList();
        if (list.All(e => e.MatchesEmpty))
            throw new TagQueryException("At least one tagspec must not match the empty string");
        return list;
    }
}
