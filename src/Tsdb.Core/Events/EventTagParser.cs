namespace Tsdb.Core.Events;

/// <summary>
/// django-tagging's parse_tag_input as graphite-web's TagField applies it to an event's tags (given as a
/// list, graphite-web first joins it with spaces): with a comma anywhere the text splits on commas, else on
/// whitespace; double quotes group words; tags are trimmed, de-duplicated and sorted. These names are what
/// tag queries match against (not the whitespace-split text the API answers).
/// </summary>
public static class EventTagParser
{
    public static IReadOnlyList<string> Parse(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return [];
        var words = new SortedSet<string>(StringComparer.Ordinal);
        if (!input.Contains('"'))
        {
            char[] separators = input.Contains(',') ? [','] : [' ', '\t', '\n', '\r', '\f', '\v'];
            foreach (var part in input.Split(separators))
                if (part.Trim() is { Length: > 0 } word) words.Add(word);
            return words.ToList();
        }
        // Quoted form: text inside quotes is one tag; the rest splits like the unquoted form.
        var rest = new System.Text.StringBuilder();
        int i = 0;
        while (i < input.Length)
        {
            if (input[i] == '"')
            {
                int close = input.IndexOf('"', i + 1);
                if (close < 0) { rest.Append(input.AsSpan(i + 1)); break; }
                if (input[(i + 1)..close].Trim() is { Length: > 0 } quoted) words.Add(quoted);
                rest.Append(' ');
                i = close + 1;
            }
            else
            {
                rest.Append(input[i++]);
            }
        }
        foreach (var word in Parse(rest.ToString())) words.Add(word);
        return words.ToList();
    }
}
