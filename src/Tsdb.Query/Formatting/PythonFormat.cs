using System.Globalization;

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
