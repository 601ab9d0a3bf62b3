using System.Globalization;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web's aggKey / getNodeOrTag / _getFirstPathExpression (render/functions.py): the key that
/// aliasByNode, aliasByTags, groupByNode(s) and asPercent's nodes build from a series name.
/// </summary>
public static class NodeKeys
{
    /// <summary>
    /// The nodes/tags of <paramref name="series"/> joined by '.'. A name ending in ')' is re-parsed and
    /// the first metric path found by descending into first arguments is used
    /// (aliasByNode(sumSeries(srv.*.cpu),1) -> "*").
    /// </summary>
    public static string AggKey(TimeSeries series, IEnumerable<object?> nodes)
    {
        string? path = series.Name.EndsWith(')') ? FirstPathExpression(series.Name) : null;
        return string.Join(".", nodes.Select(n => NodeOrTag(series, n, path)));
    }

    /// <summary>
    /// An integer n indexes the name's nodes (tags cut off at the first ';', Python indexing, negative
    /// from the end); anything else, or an index out of range, reads the tag str(n) ("" when missing).
    /// </summary>
    public static string NodeOrTag(TimeSeries series, object? n, string? pathExpression = null)
    {
        long? index = n switch
        {
            long l => l,
            int i => i,
            double d when d == Math.Floor(d) && !double.IsInfinity(d) => (long)d,
            _ => null,
        };
        if (index is long idx)
        {
            string text = pathExpression ?? series.Name;
            int semi = text.IndexOf(';');
            if (semi >= 0) text = text[..semi];
            var parts = text.Split('.');
            long at = idx < 0 ? parts.Length + idx : idx;
            if (at >= 0 && at < parts.Length) return parts[at];
        }
        return series.Tags[TagValue.Of(n)] ?? "";
    }

    /// <summary>
    /// The first metric path of a target text: for a call, the first path found by descending into first
    /// arguments; for a path, the path itself. Null when the first argument is not a path or call
    /// (a string, number, ...) or the text does not parse.
    /// </summary>
    public static string? FirstPathExpression(string text)
    {
        int pos = 0;
        for (int depth = 0; depth < 256; depth++)
        {
            SkipSpaces(text, ref pos);
            int identEnd = ScanIdentifier(text, pos);
            if (identEnd > pos)
            {
                int afterIdent = identEnd;
                SkipSpaces(text, ref afterIdent);
                if (afterIdent < text.Length && text[afterIdent] == '(')
                {
                    pos = afterIdent + 1;
                    continue;
                }
            }
            return ScanPath(text, pos);
        }
        return null;
    }

    private static void SkipSpaces(string text, ref int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
    }

    private static int ScanIdentifier(string text, int pos)
    {
        if (pos >= text.Length || !(char.IsAsciiLetter(text[pos]) || text[pos] == '_')) return pos;
        int end = pos + 1;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] == '_')) end++;
        return end;
    }

    /// <summary>A path token: printable characters other than (){},'"\| and whitespace, with {a,b} groups.</summary>
    private static string? ScanPath(string text, int pos)
    {
        int start = pos;
        int braces = 0;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == '{') braces++;
            else if (c == '}') { if (braces == 0) break; braces--; }
            else if (c == ',' && braces == 0) break;
            else if (c == '\\' && pos + 1 < text.Length) { pos += 2; continue; }
            else if (c is '(' or ')' or '\'' or '"' or '|' || char.IsWhiteSpace(c) || c < 0x20 || c > 0x7e) break;
            pos++;
        }
        if (pos == start) return null;
        string token = text[start..pos];
        if (IsScalarLiteral(token)) return null;
        return token;
    }

    /// <summary>Tokens the grammar reads as scalars rather than paths: numbers, booleans, None, inf.</summary>
    private static bool IsScalarLiteral(string token)
    {
        string lower = token.ToLowerInvariant();
        if (lower is "true" or "false" or "none" or "inf") return true;
        return double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
               && token.All(ch => char.IsAsciiDigit(ch) || ch is '-' or '+' or '.' or 'e' or 'E');
    }
}
