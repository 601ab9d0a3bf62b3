using System.Globalization;
using System.Text;

namespace Tsdb.Query.Formatting;

/// <summary>
/// Python's number-to-text rules, which graphite-web's output and series names depend on.
/// </summary>
public static class PythonFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>
    /// repr(float) / str(float) in Python 3: shortest round-trip digits; scientific when the decimal
    /// exponent is &lt; -4 or &gt;= 16 ('1e+16', '1e-05', '1.5e-07'), else fixed with at least one
    /// decimal ('4.0', '0.0001'). inf/-inf/nan as 'inf', '-inf', 'nan'.
    /// </summary>
    public static string Repr(double v)
    {
        Span<char> buffer = stackalloc char[MaxReprLength];
        int n = WriteRepr(v, buffer);
        return new string(buffer[..n]);
    }

    /// <summary>Longest text <see cref="WriteRepr"/> writes ("-2.2250738585072014e-308" is 24).</summary>
    public const int MaxReprLength = 32;

    /// <summary><see cref="Repr"/> appended without an intermediate string.</summary>
    public static StringBuilder AppendRepr(StringBuilder sb, double v)
    {
        Span<char> buffer = stackalloc char[MaxReprLength];
        int n = WriteRepr(v, buffer);
        return sb.Append(buffer[..n]);
    }

    /// <summary>
    /// <see cref="Repr"/> written into <paramref name="destination"/> (at least <see cref="MaxReprLength"/> chars);
    /// returns the length. The same rules as <see cref="ReprReference"/>, without allocating.
    /// </summary>
    public static int WriteRepr(double v, Span<char> destination)
    {
        if (double.IsNaN(v)) return Put(destination, "nan");
        if (double.IsPositiveInfinity(v)) return Put(destination, "inf");
        if (double.IsNegativeInfinity(v)) return Put(destination, "-inf");
        if (v == 0) return Put(destination, double.IsNegative(v) ? "-0.0" : "0.0");
        if (Math.Abs(v) < 1e15 && v == Math.Floor(v) && destination.Length >= 20)
        {
            // An integral value below 1e15 (collectl's counters and their sums): repr is its digits and ".0".
            ((long)v).TryFormat(destination, out int integerLength, default, Inv);
            destination[integerLength] = '.';
            destination[integerLength + 1] = '0';
            return integerLength + 2;
        }
        Span<char> shortest = stackalloc char[20];
        if (TryShortestDigits(v, shortest, out int count, out int exponent))
            return Layout(v < 0, shortest[..count], exponent, destination);
        // Shortest round-trip digits, as "R" writes them: [-]d[.ddd][E(+|-)dd], plain (no exponent) from 1e-4 up to
        // past 1e16. Plain text with a '.' is repr's as is; plain digits are repr's with ".0" below 1e16.
        if (!v.TryFormat(destination, out int len, "R", Inv)) return Put(destination, ReprReference(v));
        if (destination[..len].IndexOfAny('E', '.') < 0 && len - (v < 0 ? 1 : 0) <= 16)
        {
            destination[len++] = '.';
            destination[len++] = '0';
            return len;
        }
        if (destination[..len].IndexOf('E') < 0 && destination[..len].IndexOf('.') >= 0) return len;
        Span<char> text = stackalloc char[MaxReprLength];
        destination[..len].CopyTo(text);
        Span<char> digits = stackalloc char[MaxReprLength];
        int nd = 0, intLen = 0, exp = 0, i = 0;
        bool neg = text[0] == '-';
        if (neg) i = 1;
        bool dot = false;
        for (; i < len; i++)
        {
            char c = text[i];
            if (c == '.') { dot = true; continue; }
            if (c is 'E' or 'e')
            {
                i++;
                bool expNeg = false;
                if (text[i] is '+' or '-') { expNeg = text[i] == '-'; i++; }
                for (; i < len; i++) exp = exp * 10 + (text[i] - '0');
                if (expNeg) exp = -exp;
                break;
            }
            digits[nd++] = c;
            if (!dot) intLen++;
        }
        // Leading zeros off (keep one digit), trailing zeros off; the decimal point is after pointPos digits.
        int pointPos = intLen + exp;
        int lead = 0;
        while (lead < nd - 1 && digits[lead] == '0') lead++;
        pointPos -= lead;
        int end = nd;
        while (end > lead && digits[end - 1] == '0') end--;
        ReadOnlySpan<char> d = end > lead ? digits[lead..end] : "0";
        return Layout(neg, d, pointPos - 1, destination);
    }

    /// <summary>repr's layout of digits d (no leading or trailing zeros) times 10^(e10 - d.Length + 1).</summary>
    private static int Layout(bool neg, ReadOnlySpan<char> d, int e10, Span<char> destination)
    {
        int o = 0;
        if (neg) destination[o++] = '-';
        if (e10 < -4 || e10 >= 16)
        {
            destination[o++] = d[0];
            if (d.Length > 1)
            {
                destination[o++] = '.';
                d[1..].CopyTo(destination[o..]);
                o += d.Length - 1;
            }
            destination[o++] = 'e';
            destination[o++] = e10 < 0 ? '-' : '+';
            int a = Math.Abs(e10);
            if (a >= 100) destination[o++] = (char)('0' + a / 100);
            destination[o++] = (char)('0' + a / 10 % 10);
            destination[o++] = (char)('0' + a % 10);
            return o;
        }
        if (e10 >= 0)
        {
            int intDigits = e10 + 1;
            if (d.Length > intDigits)
            {
                d[..intDigits].CopyTo(destination[o..]);
                o += intDigits;
                destination[o++] = '.';
                d[intDigits..].CopyTo(destination[o..]);
                o += d.Length - intDigits;
            }
            else
            {
                d.CopyTo(destination[o..]);
                o += d.Length;
                for (int z = d.Length; z < intDigits; z++) destination[o++] = '0';
                destination[o++] = '.';
                destination[o++] = '0';
            }
            return o;
        }
        destination[o++] = '0';
        destination[o++] = '.';
        for (int z = 0; z < -e10 - 1; z++) destination[o++] = '0';
        d.CopyTo(destination[o..]);
        return o + d.Length;
    }

    private static readonly ulong[] Pow10 =
    [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000,
        1000000000000000000, 10000000000000000000,
    ];

    /// <summary>
    /// The shortest digits that read back as <paramref name="v"/>, the nearest to v among them, for
    /// 1e-5 &lt;= |v| &lt; 1e16, in exact integer arithmetic. With v = m * 2^e and k = 16 - floor(log10 v),
    /// v * 10^k = q17 + rest / 2^s (q17 has 17 digits); the values that read back as v are those within half an
    /// ulp (bounds included when m is even, as a round-half-even read rounds), here the integers lo..hi in q17's
    /// unit. The largest power of ten with a multiple in lo..hi gives the fewest digits; of its multiples the one
    /// nearest v is taken. False (the caller falls back to "R") outside that range, at a power of two (the
    /// interval below is half the one above) and on an exact tie.
    /// <paramref name="exponent"/> is the decimal exponent of the first digit.
    /// </summary>
    private static bool TryShortestDigits(double v, Span<char> digits, out int count, out int exponent)
    {
        count = exponent = 0;
        double a = Math.Abs(v);
        if (!(a >= 1e-5 && a < 1e16)) return false;
        long bits = BitConverter.DoubleToInt64Bits(a);
        int biased = (int)(bits >> 52);
        ulong m = (ulong)bits & 0xFFFFFFFFFFFFFUL;
        if (m == 0) return false;
        m |= 1UL << 52;
        int e = biased - 1075;
        int s = Math.Max(-e, 0);
        ulong n = m << Math.Max(e, 0); // below 1e16 < 2^54: no overflow
        int e10 = ((biased - 1023) * 1233) >> 12; // floor(log10 a) or one less
        UInt128 scaled;
        ulong q17;
        while (true)
        {
            int k = 16 - e10;
            if (k < 1 || k > 22) return false;
            scaled = k > 19 ? (UInt128)n * Pow10[19] * Pow10[k - 19] : (UInt128)n * Pow10[k];
            UInt128 q = scaled >> s;
            if (q < Pow10[16]) { e10--; continue; }
            if (q >= Pow10[17]) { e10++; continue; }
            q17 = (ulong)q;
            break;
        }
        int kk = 16 - e10;
        // Doubled half-ulp in units of 2^-(s+1) of q17's unit: 10^k * 2^max(e,0); bounds (2*scaled -+ u) / 2^(s+1).
        UInt128 u = (kk > 19 ? (UInt128)Pow10[19] * Pow10[kk - 19] : (UInt128)Pow10[kk]) << Math.Max(e, 0);
        UInt128 twice = scaled << 1;
        UInt128 unit = UInt128.One << (s + 1);
        UInt128 lowExact = twice - u, highExact = twice + u;
        ulong lo = (ulong)(lowExact >> (s + 1));
        bool loOnBound = (lowExact & (unit - 1)) == UInt128.Zero;
        if (!loOnBound || (m & 1) == 1) lo++;   // ceiling; an odd m excludes the bound itself
        ulong hi = (ulong)(highExact >> (s + 1));
        bool hiOnBound = (highExact & (unit - 1)) == UInt128.Zero;
        if (hiOnBound && (m & 1) == 1) hi--;
        if (lo > hi) return false;
        // The largest j with a multiple of 10^j in lo..hi.
        int j = 0;
        ulong lq = lo, hq = hi; // ceil(lo / 10^j), floor(hi / 10^j)
        while (j < 18)
        {
            ulong nextHq = hq / 10;
            ulong nextLq = (lq + 9) / 10;
            if (nextLq > nextHq) break;
            lq = nextLq;
            hq = nextHq;
            j++;
        }
        // The multiple of 10^j nearest v = (q17 + rest / 2^s): round q17 / 10^j, a tie falls back.
        ulong c;
        if (j == 0)
        {
            UInt128 rest = scaled & ((UInt128.One << s) - 1);
            UInt128 half = s == 0 ? UInt128.Zero : UInt128.One << (s - 1);
            if (s > 0 && rest == half) return false;
            c = s > 0 && rest > half ? q17 + 1 : q17;
        }
        else
        {
            ulong p = Pow10[j];
            c = q17 / p;
            ulong t = q17 - c * p;
            ulong halfP = p / 2; // p is even
            if (t > halfP) c++;
            else if (t == halfP)
            {
                if ((scaled & ((UInt128.One << s) - 1)) == UInt128.Zero) return false;
                c++;
            }
        }
        if (c < lq || c > hq) return false;
        // Digits of c * 10^j without trailing zeros (c has none unless it is lq..hq's only power of ten). q17 has 17
        // digits, so c (q17 / 10^j, rounded) has 17 - j, or one more when the rounding carried to a power of ten.
        int total = 17 - j;
        if (c >= Pow10[total]) total++;
        exponent = e10 + (total + j - 17);
        while (c % 10 == 0) { c /= 10; total--; }
        int at = total;
        for (; c >= 100; c /= 100)
        {
            int pair = (int)(c % 100);
            digits[--at] = (char)('0' + pair % 10);
            digits[--at] = (char)('0' + pair / 10);
        }
        if (c >= 10)
        {
            digits[--at] = (char)('0' + (int)(c % 10));
            c /= 10;
        }
        digits[--at] = (char)('0' + (int)c);
        count = total;
        return true;
    }

    private static int Put(Span<char> destination, string text)
    {
        text.AsSpan().CopyTo(destination);
        return text.Length;
    }

    /// <summary>
    /// <see cref="Repr"/> built with strings: the first implementation, kept as the reference the allocation-free
    /// <see cref="WriteRepr"/> is tested against.
    /// </summary>
    public static string ReprReference(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (v == 0) return double.IsNegative(v) ? "-0.0" : "0.0";
        // "R" gives the shortest round-trip digits (.NET Core 3.0+), the same digits Python's repr picks.
        string shortest = v.ToString("R", Inv);
        // Decompose shortest into digits and exponent.
        (string digits, int exp, bool neg) = Decompose(shortest);
        if (exp < -4 || exp >= 16)
        {
            string mant = digits.Length == 1 ? digits : digits[0] + "." + digits[1..];
            return (neg ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", Inv);
        }
        string s;
        if (exp >= 0)
        {
            string intPart = digits.Length > exp + 1 ? digits[..(exp + 1)] : digits.PadRight(exp + 1, '0');
            string frac = digits.Length > exp + 1 ? digits[(exp + 1)..] : "0";
            s = intPart + "." + frac;
        }
        else
        {
            s = "0." + new string('0', -exp - 1) + digits;
        }
        return (neg ? "-" : "") + s;
    }

    /// <summary>Python '%g' % v: 6 significant digits, trailing zeros removed, exponent form when
    /// exp &lt; -4 or &gt;= 6 ('1e+06', '1e-05'); 'inf', '-inf', 'nan'.</summary>
    public static string G(double v, int precision = 6)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        if (v == 0) return double.IsNegative(v) ? "-0" : "0";
        string e = v.ToString("E" + (precision - 1), Inv); // d.ddddE+xxx
        int ePos = e.IndexOf('E');
        int exp = int.Parse(e[(ePos + 1)..], Inv);
        if (exp < -4 || exp >= precision)
        {
            string mant = e[..ePos];
            if (mant.Contains('.')) mant = mant.TrimEnd('0').TrimEnd('.');
            return mant + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", Inv);
        }
        string f = v.ToString("F" + Math.Max(0, precision - 1 - exp), Inv);
        if (f.Contains('.')) f = f.TrimEnd('0').TrimEnd('.');
        return f;
    }

    /// <summary>Python '%d' % v for a float: truncation toward zero.</summary>
    public static string D(double v) => ((long)Math.Truncate(v)).ToString(Inv);

    private static (string digits, int exp, bool neg) Decompose(string s)
    {
        bool neg = s.StartsWith('-');
        if (neg) s = s[1..];
        int exp = 0;
        int ePos = s.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(s[(ePos + 1)..], Inv);
            s = s[..ePos];
        }
        int dot = s.IndexOf('.');
        string intPart = dot >= 0 ? s[..dot] : s;
        string frac = dot >= 0 ? s[(dot + 1)..] : "";
        string all = intPart + frac;
        int pointPos = intPart.Length + exp; // digits before the decimal point
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') { lead++; }
        all = all[lead..];
        pointPos -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (all, pointPos - 1, neg);
    }
}
