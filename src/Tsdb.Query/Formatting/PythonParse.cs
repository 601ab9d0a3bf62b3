using System.Globalization;

namespace Tsdb.Query.Formatting;

/// <summary>
/// Python's int() and float() of a string, with CPython's error texts, because graphite-web surfaces
/// those texts in 400 messages ("invalid literal for int() with base 10: 'x'").
/// </summary>
public static class PythonParse
{
    /// <summary>int(s): surrounding whitespace, optional sign, ASCII digits with single '_' between digits.</summary>
    public static bool TryInt(string s, out long value)
    {
        value = 0;
        var t = s.Trim();
        int i = 0;
        bool neg = false;
        if (i < t.Length && (t[i] == '+' || t[i] == '-')) { neg = t[i] == '-'; i++; }
        if (i >= t.Length || !char.IsAsciiDigit(t[i])) return false;
        long acc = 0;
        for (; i < t.Length; i++)
        {
            char c = t[i];
            if (c == '_' && i + 1 < t.Length && char.IsAsciiDigit(t[i + 1]) && char.IsAsciiDigit(t[i - 1])) continue;
            if (!char.IsAsciiDigit(c)) return false;
            try { acc = checked(acc * 10 + (c - '0')); }
            catch (OverflowException) { return false; }
        }
        value = neg ? -acc : acc;
        return true;
    }

    public static long Int(string s) => TryInt(s, out var v) ? v : throw IntError(s);

    /// <summary>The ValueError int(s) raises, as a FormatException.</summary>
    public static FormatException IntError(string s) => new($"invalid literal for int() with base 10: {PythonRepr.Str(s)}");

    /// <summary>float(s): decimal or scientific text, 'inf'/'infinity'/'nan' in any case, with sign.</summary>
    public static bool TryFloat(string s, out double value)
    {
        var t = s.Trim().Replace("_", "");
        var lower = t.ToLowerInvariant().TrimStart('+', '-');
        bool neg = t.StartsWith('-');
        if (lower is "inf" or "infinity") { value = neg ? double.NegativeInfinity : double.PositiveInfinity; return true; }
        if (lower == "nan") { value = double.NaN; return true; }
        if (t.Length == 0 || t.Any(c => !(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-')))
        {
            value = 0;
            return false;
        }
        return double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    public static double Float(string s) =>
        TryFloat(s, out var v) ? v : throw new FormatException($"could not convert string to float: {PythonRepr.Str(s)}");
}
