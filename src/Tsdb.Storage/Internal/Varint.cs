namespace Tsdb.Storage.Internal;

/// <summary>Unsigned varints as the WAL and catalog records store them: 7-bit groups, low first, the high bit set on
/// every byte but the last (BinaryWriter.Write7BitEncodedInt64's layout).</summary>
internal static class Varint
{
    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/> (room for 10 bytes
    /// is always enough); returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        int n = 0;
        while (value >= 0x80)
        {
            destination[n++] = (byte)(value | 0x80);
            value >>= 7;
        }
        destination[n++] = (byte)value;
        return n;
    }
}
