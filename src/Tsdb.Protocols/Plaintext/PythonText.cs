namespace Tsdb.Protocols.Plaintext;

/// <summary>
/// The character classes Python 3 uses in carbon's line handling: <c>str.strip()</c>/<c>str.split()</c>
/// whitespace and <c>str.splitlines()</c> line breaks. They differ from .NET's
/// <see cref="char.IsWhiteSpace(char)"/> (Python also counts U+001C..U+001F).
/// </summary>
public static class PythonText
{
    /// <summary>Python's <c>str.isspace()</c> for one UTF-16 unit (no whitespace lies outside the BMP).</summary>
    public static bool IsSpace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
        < '\x1c' => false,
        <= '\x1f' => true,
        < '\x85' => false,
        '\x85' or '\xa0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    /// <summary>Line boundaries of Python's <c>str.splitlines()</c> (used by carbon's UDP receiver);
    /// "\r\n" is one boundary, which the caller handles.</summary>
    public static bool IsLineBreak(char c) => c switch
    {
        '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029' => true,
        _ => false,
    };

    /// <summary>Python's <c>str.strip()</c>.</summary>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start])) start++;
        while (end > start && IsSpace(s[end - 1])) end--;
        return s[start..end];
    }
}
