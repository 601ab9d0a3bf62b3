using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// Python's printf-style "fmt % value" with a single float argument (aliasQuery's newName): conversions
/// d i u f F e E g G s r x X o and "%%", with the flags - + space 0 #, width and precision. A format that
/// needs another argument or uses an unknown conversion is a 400, like the TypeError/ValueError it raises.
/// </summary>
public static partial class PercentFormat
{
    [GeneratedRegex(@"%([-+ 0#]*)(\d*)(?:\.(\d+))?([diufFeEgGsrxXo%])")]
    private static partial Regex Spec();

    public static string Format(string format, double value)
    {
        int used = 0;
        var sb = new StringBuilder();
        int pos = 0;
        foreach (Match m in Spec().Matches(format))
        {
            string between = format[pos..m.Index];
            if (between.Contains('%')) throw new QueryException($"unsupported format character in '{format}'");
            sb.Append(between);
            pos = m.Index + m.Length;
            char conv = m.Groups[4].Value[0];
            if (conv == '%') { sb.Append('%'); continue; }
            if (++used > 1) throw new QueryException("not enough arguments for format string");
            sb.Append(Convert(value, m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : null, conv));
        }
        string rest = format[pos..];
        if (rest.Contains('%')) throw new QueryException($"incomplete format in '{format}'");
        sb.Append(rest);
        if (used == 0) throw new QueryException("not all arguments converted during string formatting");
        return sb.ToString();
    }

    private static string Convert(double v, string flags, string widthText, int? precision, char conv)
    {
        var inv = CultureInfo.InvariantCulture;
        bool finite = double.IsFinite(v);
        if (!finite && conv is 'd' or 'i' or 'u' or 'x' or 'X' or 'o')
            throw new QueryException($"cannot convert float {PythonFormat.Repr(v)} to integer");
        string body = conv switch
        {
            'd' or 'i' or 'u' => BigAbs(v).ToString(inv),
            'x' => BigAbs(v).ToString("x", inv).TrimStart('0').PadLeft(1, '0'),
            'X' => BigAbs(v).ToString("X", inv).TrimStart('0').PadLeft(1, '0'),
            'o' => OctalText(BigAbs(v)),
            'f' or 'F' => finite ? Math.Abs(v).ToString("F" + (precision ?? 6), inv) : NonFinite(v, conv == 'F'),
            'e' or 'E' => finite ? Exponent(Math.Abs(v), precision ?? 6, conv) : NonFinite(v, conv == 'E'),
            'g' or 'G' => finite ? GText(Math.Abs(v), precision ?? 6, conv) : NonFinite(v, conv == 'G'),
            's' or 'r' => PythonFormat.Repr(v),
            _ => throw new QueryException($"unsupported format character '{conv}'"),
        };
        if (conv is 's' or 'r')
        {
            if (precision is int p && p < body.Length) body = body[..p];
            return Pad(body, "", flags, widthText);
        }
        string sign = double.IsNegative(v) && !double.IsNaN(v) && (v != 0 || conv is not ('d' or 'i' or 'u' or 'x' or 'X' or 'o'))
            ? "-" : flags.Contains('+') ? "+" : flags.Contains(' ') ? " " : "";
        if (conv is 'd' or 'i' or 'u' or 'x' or 'X' or 'o' && Math.Truncate(v) == 0) sign = flags.Contains('+') ? "+" : flags.Contains(' ') ? " " : "";
        return Pad(body, sign, flags, widthText);
    }

    private static System.Numerics.BigInteger BigAbs(double v) => System.Numerics.BigInteger.Abs(new System.Numerics.BigInteger(Math.Truncate(v)));

    private static string OctalText(System.Numerics.BigInteger n)
    {
        if (n.IsZero) return "0";
        var sb = new StringBuilder();
        while (!n.IsZero) { sb.Insert(0, (char)('0' + (int)(n % 8))); n /= 8; }
        return sb.ToString();
    }

    private static string NonFinite(double v, bool upper)
    {
        string s = double.IsNaN(v) ? "nan" : "inf";
        return upper ? s.ToUpperInvariant() : s;
    }

    private static string Exponent(double v, int precision, char conv)
    {
        string s = v.ToString((conv == 'E' ? "E" : "e") + precision, CultureInfo.InvariantCulture);
        int e = s.IndexOfAny(['e', 'E']);
        int exp = int.Parse(s[(e + 1)..], CultureInfo.InvariantCulture);
        return s[..(e + 1)] + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string GText(double v, int precision, char conv)
    {
        string s = PythonFormat.G(v, precision == 0 ? 1 : precision);
        return conv == 'G' ? s.ToUpperInvariant() : s;
    }

    private static string Pad(string body, string sign, string flags, string widthText)
    {
        int width = widthText.Length > 0 ? int.Parse(widthText, CultureInfo.InvariantCulture) : 0;
        int length = sign.Length + body.Length;
        if (length >= width) return sign + body;
        if (flags.Contains('-')) return (sign + body).PadRight(width);
        if (flags.Contains('0')) return sign + body.PadLeft(width - sign.Length, '0');
        return (sign + body).PadLeft(width);
    }
}
