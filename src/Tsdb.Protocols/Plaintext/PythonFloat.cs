using System.Buffers;
using System.Globalization;
using System.Text;

namespace Tsdb.Protocols.Plaintext;

/// <summary>
/// Python 3's <c>float(str)</c>, which carbon applies to the value and the timestamp
/// (carbon <c>lib/carbon/protocols.py</c>): surrounding whitespace, optional sign, decimal digits with
/// single underscores between digits, optional fraction and exponent, or <c>inf</c>/<c>infinity</c>/<c>nan</c>
/// in any case. Hex, commas, "1e", "." and empty text fail. Non-ASCII decimal digits count as digits, as in
/// CPython. Overflow gives +-inf (Python does not raise). Allocation-free for fields up to 64 characters.
/// </summary>
public static class PythonFloat
{
    private const int StackLimit = 64;

    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        ReadOnlySpan<char> s = PythonText.Strip(text);
        if (s.IsEmpty) return false;
        if (!Ascii.IsValid(s)) return TryParseNonAscii(s, out value);

        byte[]? rented = null;
        Span<byte> digits = s.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(s.Length));
        try
        {
            return TryParseAscii(s, digits, out value);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // CPython maps every Unicode decimal digit (category Nd) to its ASCII digit before parsing
    // (_PyUnicode_TransformDecimalAndSpaceToASCII); any other non-ASCII character makes float() fail.
    private static bool TryParseNonAscii(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        char[] rented = ArrayPool<char>.Shared.Rent(s.Length);
        try
        {
            int n = 0;
            for (int i = 0; i < s.Length;)
            {
                if (Rune.DecodeFromUtf16(s[i..], out Rune rune, out int used) != OperationStatus.Done) return false;
                i += used;
                if (rune.IsAscii) rented[n++] = (char)rune.Value;
                else if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
                    rented[n++] = (char)('0' + (int)Rune.GetNumericValue(rune));
                else return false;
            }
            return TryParse(rented.AsSpan(0, n), out value);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    private static bool TryParseAscii(ReadOnlySpan<char> s, Span<byte> clean, out double value)
    {
        value = 0;
        int pos = 0, n = 0;
        bool negative = false;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            clean[n++] = (byte)s[0];
            pos = 1;
        }

        ReadOnlySpan<char> rest = s[pos..];
        if (rest.Equals("inf", StringComparison.OrdinalIgnoreCase) || rest.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (rest.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        int intDigits = CopyDigitPart(s, ref pos, clean, ref n);
        int fracDigits = 0;
        if (pos < s.Length && s[pos] == '.')
        {
            clean[n++] = (byte)'.';
            pos++;
            fracDigits = CopyDigitPart(s, ref pos, clean, ref n);
        }
        if (intDigits == 0 && fracDigits == 0) return false;

        if (pos < s.Length && s[pos] is 'e' or 'E')
        {
            clean[n++] = (byte)'e';
            pos++;
            if (pos < s.Length && s[pos] is '+' or '-') clean[n++] = (byte)s[pos++];
            if (CopyDigitPart(s, ref pos, clean, ref n) == 0) return false;
        }
        if (pos != s.Length) return false;

        // .NET's parser is correctly rounded (IEEE 754) and returns +-inf on overflow, like CPython's.
        return double.TryParse(clean[..n], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Copies a Python "digitpart" (digit (["_"] digit)*) without its underscores; returns the digit count.
    /// An underscore not between two digits stops the part, so the caller's end check rejects it.</summary>
    private static int CopyDigitPart(ReadOnlySpan<char> s, ref int pos, Span<byte> clean, ref int n)
    {
        int count = 0;
        while (pos < s.Length)
        {
            char c = s[pos];
            if (char.IsAsciiDigit(c))
            {
                clean[n++] = (byte)c;
                count++;
                pos++;
            }
            else if (c == '_' && count > 0 && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1]))
            {
                pos++;
            }
            else
            {
                break;
            }
        }
        return count;
    }
}
