using System.Globalization;
using System.Numerics;
using System.Text;

namespace Tsdb.Protocols.Pickle;

/// <summary>Decoders for the text arguments of protocol 0 opcodes (Lib/pickle.py load_int, load_string, load_unicode).</summary>
internal static class PickleText
{
    private const int MaxIntegerDigits = 4300;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // carbon unpickles with encoding='utf-8': a py2 str that is not UTF-8 fails the frame.
            throw new PickleRejectedException("string is not valid UTF-8");
        }
    }

    public static object ParseInteger(ReadOnlySpan<byte> text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long small)) return small;
        // CPython 3.11+ int(): "Exceeds the limit (4300 digits) for integer string conversion". The limit also
        // keeps a megabyte of digits from costing quadratic parsing time.
        if (text.Length > MaxIntegerDigits + 1)
            throw new PickleRejectedException($"integer with more than {MaxIntegerDigits} digits in protocol 0 pickle");
        if (BigInteger.TryParse(Encoding.ASCII.GetString(text), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out BigInteger big))
            return big;
        throw new PickleRejectedException("invalid integer in protocol 0 pickle");
    }

    /// <summary>STRING: a Python bytes literal in quotes with backslash escapes (codecs.escape_decode).</summary>
    public static string DecodeQuotedString(ReadOnlySpan<byte> line)
    {
        if (line.Length < 2 || line[0] is not ((byte)'\'' or (byte)'"') || line[^1] != line[0])
            throw new PickleRejectedException("the STRING opcode argument must be quoted");
        ReadOnlySpan<byte> body = line[1..^1];
        var bytes = new List<byte>(body.Length);
        for (int i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 == body.Length)
            {
                bytes.Add(body[i]);
                continue;
            }
            byte c = body[++i];
            switch (c)
            {
                case (byte)'n': bytes.Add((byte)'\n'); break;
                case (byte)'t': bytes.Add((byte)'\t'); break;
                case (byte)'r': bytes.Add((byte)'\r'); break;
                case (byte)'a': bytes.Add(7); break;
                case (byte)'b': bytes.Add(8); break;
                case (byte)'f': bytes.Add(12); break;
                case (byte)'v': bytes.Add(11); break;
                case (byte)'\\' or (byte)'\'' or (byte)'"': bytes.Add(c); break;
                case (byte)'\n': break;
                case (byte)'x':
                    if (i + 2 >= body.Length) throw new PickleRejectedException("invalid \\x escape");
                    bytes.Add(ParseHex(body.Slice(i + 1, 2)));
                    i += 2;
                    break;
                case >= (byte)'0' and <= (byte)'7':
                    int value = c - '0', digits = 1;
                    while (digits < 3 && i + 1 < body.Length && body[i + 1] is >= (byte)'0' and <= (byte)'7')
                    {
                        value = value * 8 + (body[++i] - '0');
                        digits++;
                    }
                    bytes.Add((byte)value);
                    break;
                default:
                    bytes.Add((byte)'\\');
                    bytes.Add(c);
                    break;
            }
        }
        return DecodeUtf8(bytes.ToArray());
    }

    /// <summary>UNICODE: raw-unicode-escape, i.e. Latin-1 text where only \uXXXX and \UXXXXXXXX are escapes.</summary>
    public static string DecodeRawUnicodeEscape(ReadOnlySpan<byte> line)
    {
        var text = new StringBuilder(line.Length);
        for (int i = 0; i < line.Length; i++)
        {
            int width = line[i] == '\\' && i + 1 < line.Length ? line[i + 1] switch { (byte)'u' => 4, (byte)'U' => 8, _ => 0 } : 0;
            if (width == 0)
            {
                text.Append((char)line[i]);
                continue;
            }
            if (i + 2 + width > line.Length) throw new PickleRejectedException("truncated \\u escape");
            uint codePoint = 0;
            foreach (byte h in line.Slice(i + 2, width)) codePoint = codePoint * 16 + HexValue(h);
            if (codePoint > 0x10FFFF) throw new PickleRejectedException("\\U escape out of range");
            if (codePoint is >= 0xD800 and <= 0xDFFF) text.Append((char)codePoint);
            else text.Append(char.ConvertFromUtf32((int)codePoint));
            i += 1 + width;
        }
        return text.ToString();
    }

    private static byte ParseHex(ReadOnlySpan<byte> two) => (byte)(HexValue(two[0]) * 16 + HexValue(two[1]));

    private static uint HexValue(byte h) => h switch
    {
        >= (byte)'0' and <= (byte)'9' => (uint)(h - '0'),
        >= (byte)'a' and <= (byte)'f' => (uint)(h - 'a' + 10),
        >= (byte)'A' and <= (byte)'F' => (uint)(h - 'A' + 10),
        _ => throw new PickleRejectedException("invalid hex digit in escape"),
    };
}
