using System.Buffers.Text;

namespace Tsdb.LoadGen;

/// <summary>Writes carbon plaintext lines "name value timestamp\n" into a byte buffer without allocating.</summary>
public static class LineEncoder
{
    /// <summary>Longest value text: a long plus sign, or a two-decimal number.</summary>
    public const int MaxValueBytes = 24;

    /// <summary>Writes one line at <paramref name="position"/>; returns the new position. The name is given in two
    /// parts, the node's "host." and the metric's "suffix " (see <see cref="SeriesSet"/>);
    /// <paramref name="timestampWithNewline"/> is the preformatted " 1795727302\n".</summary>
    public static int Write(Span<byte> buffer, int position, ReadOnlySpan<byte> hostWithDot, ReadOnlySpan<byte> suffixWithSpace,
        long value, bool hundredths, ReadOnlySpan<byte> timestampWithNewline)
    {
        hostWithDot.CopyTo(buffer[position..]);
        position += hostWithDot.Length;
        suffixWithSpace.CopyTo(buffer[position..]);
        position += suffixWithSpace.Length;
        position += WriteValue(buffer[position..], value, hundredths);
        timestampWithNewline.CopyTo(buffer[position..]);
        return position + timestampWithNewline.Length;
    }

    /// <summary>Bytes a line can take at most, for buffer sizing.</summary>
    public static int MaxLineBytes(int nameWithSpaceLength) => nameWithSpaceLength + MaxValueBytes + 13;

    /// <summary>" &lt;timestamp&gt;\n" for one round.</summary>
    public static byte[] TimestampSuffix(long timestamp)
    {
        Span<byte> digits = stackalloc byte[24];
        Utf8Formatter.TryFormat(timestamp, digits, out int n);
        var suffix = new byte[n + 2];
        suffix[0] = (byte)' ';
        digits[..n].CopyTo(suffix.AsSpan(1));
        suffix[^1] = (byte)'\n';
        return suffix;
    }

    private static int WriteValue(Span<byte> destination, long value, bool hundredths)
    {
        if (!hundredths)
        {
            Utf8Formatter.TryFormat(value, destination, out int written);
            return written;
        }
        Utf8Formatter.TryFormat(value / 100, destination, out int n);
        long cents = value % 100;
        destination[n] = (byte)'.';
        destination[n + 1] = (byte)('0' + cents / 10);
        destination[n + 2] = (byte)('0' + cents % 10);
        return n + 3;
    }
}
