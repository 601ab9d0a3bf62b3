using System.Buffers.Binary;
using System.Text;

namespace Tsdb.Storage.Internal;

/// <summary>
/// One WAL entry = a written batch (or a page-sized part of it). FasterLog adds its own length header and
/// per-entry checksum. Version 2 (written):
/// <code>
/// u8 2 | i64 arrival time (LE) | varint count | count × (varint id·2+new [, string name if new], zigzag varint (timestamp − arrival), f64 value LE)
/// </code>
/// A series' name is written once, with the first point that follows its creation (new = 1); later points
/// carry only the dense series id, which replay resolves through the catalog or an earlier definition.
/// Version 1 (still replayed): u8 1 | i64 arrival | varint count | count × (string name, i64 timestamp, f64 value).
/// </summary>
internal static class WalRecord
{
    private const byte VersionNames = 1;
    private const byte VersionIds = 2;

    /// <summary>Encodes points from <paramref name="start"/> on into <paramref name="buffer"/> (grown as
    /// needed) until the entry would exceed <paramref name="maxBytes"/> (at least one point), so no entry
    /// outgrows a FasterLog page. Marks each series whose definition it writes as <see cref="SeriesState.InWal"/>.</summary>
    /// <returns>The entry's length; <paramref name="next"/> is the first point not included.</returns>
    public static int Encode(ReadOnlySpan<SeriesState> series, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values,
        int start, long arrivalTime, int maxBytes, ref byte[] buffer, out int next)
    {
        const int Header = 1 + 8 + 5;
        int end = start, size = Header;
        while (end < series.Length)
        {
            var s = series[end];
            int pointSize = 5 + 10 + 8 + (s.InWal ? 0 : 5 + Encoding.UTF8.GetMaxByteCount(s.Name.Length));
            if (end > start && size + pointSize > maxBytes) break;
            size += pointSize;
            end++;
        }
        if (buffer.Length < size) buffer = new byte[Math.Max(size, buffer.Length * 2)];
        var span = buffer.AsSpan();
        span[0] = VersionIds;
        BinaryPrimitives.WriteInt64LittleEndian(span[1..], arrivalTime);
        int pos = 9;
        pos += Varint.Write(span[pos..], (ulong)(end - start));
        for (int i = start; i < end; i++)
        {
            var s = series[i];
            bool define = !s.InWal;
            pos += Varint.Write(span[pos..], ((ulong)(uint)s.Id << 1) | (define ? 1UL : 0UL));
            if (define)
            {
                int length = Encoding.UTF8.GetBytes(s.Name, span[(pos + 5)..]);
                int prefix = Varint.Write(span[pos..], (ulong)length);
                if (prefix != 5) span.Slice(pos + 5, length).CopyTo(span[(pos + prefix)..]);
                pos += prefix + length;
                s.InWal = true;
            }
            long delta = timestamps[i] - arrivalTime;
            pos += Varint.Write(span[pos..], (ulong)((delta << 1) ^ (delta >> 63)));
            BinaryPrimitives.WriteDoubleLittleEndian(span[pos..], values[i]);
            pos += 8;
        }
        next = end;
        return pos;
    }

    /// <summary>Decodes an entry into <paramref name="output"/>, resolving series through <paramref name="resolver"/>.</summary>
    /// <exception cref="InvalidDataException">Malformed entry.</exception>
    public static void Decode(ReadOnlySpan<byte> entry, IWalSeriesResolver resolver, DecodedWalEntry output)
    {
        output.Clear();
        try
        {
            byte version = entry[0];
            if (version is not (VersionNames or VersionIds)) throw new InvalidDataException("unknown WAL record version");
            long arrival = BinaryPrimitives.ReadInt64LittleEndian(entry[1..]);
            output.ArrivalTime = arrival;
            int pos = 9;
            ulong count = ReadVarint(entry, ref pos);
            if (count > (ulong)entry.Length) throw new InvalidDataException("point count exceeds the entry");
            for (ulong i = 0; i < count; i++)
            {
                if (version == VersionNames)
                {
                    string name = ReadString(entry, ref pos);
                    long t = BinaryPrimitives.ReadInt64LittleEndian(entry[pos..]);
                    double v = BinaryPrimitives.ReadDoubleLittleEndian(entry[(pos + 8)..]);
                    pos += 16;
                    output.Add(resolver.ByName(name), t, v);
                    continue;
                }
                ulong tag = ReadVarint(entry, ref pos);
                if (tag >> 1 > int.MaxValue) throw new InvalidDataException("series id out of range");
                int id = (int)(tag >> 1);
                var series = (tag & 1) != 0 ? resolver.Define(id, ReadString(entry, ref pos)) : resolver.ById(id);
                ulong zigzag = ReadVarint(entry, ref pos);
                long delta = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                double value = BinaryPrimitives.ReadDoubleLittleEndian(entry[pos..]);
                pos += 8;
                output.Add(series, arrival + delta, value);
            }
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException or DecoderFallbackException)
        {
            throw new InvalidDataException("truncated WAL record", e);
        }
    }


    private static ulong ReadVarint(ReadOnlySpan<byte> source, ref int pos)
    {
        ulong value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = source[pos++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("varint too long");
    }

    /// <summary>UTF-8 that throws on invalid bytes (a damaged name ends the replay instead of becoming a
    /// different series); shared, as one per name cost an allocation per series replayed.</summary>
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private static string ReadString(ReadOnlySpan<byte> source, ref int pos)
    {
        ulong length = ReadVarint(source, ref pos);
        if (length > (ulong)(source.Length - pos)) throw new InvalidDataException("name runs past the entry");
        string s = StrictUtf8.GetString(source.Slice(pos, (int)length));
        pos += (int)length;
        return s;
    }
}

/// <summary>How replay turns WAL references into series (implemented by the store).</summary>
internal interface IWalSeriesResolver
{
    /// <summary>Version 1: the series of a name, created if unknown.</summary>
    SeriesState ByName(string name);

    /// <summary>A definition: series <paramref name="id"/> is <paramref name="name"/>.</summary>
    SeriesState Define(int id, string name);

    /// <exception cref="InvalidDataException">No series has that id.</exception>
    SeriesState ById(int id);
}

/// <summary>Reusable decode target: parallel arrays of series, timestamps and values.</summary>
internal sealed class DecodedWalEntry
{
    private SeriesState[] _series = new SeriesState[256];
    private long[] _timestamps = new long[256];
    private double[] _values = new double[256];

    public long ArrivalTime { get; set; }
    public int Count { get; private set; }
    public ReadOnlySpan<SeriesState> Series => _series.AsSpan(0, Count);
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public void Clear()
    {
        Array.Clear(_series, 0, Count);
        Count = 0;
    }

    public void Add(SeriesState series, long timestamp, double value)
    {
        if (Count == _series.Length)
        {
            Array.Resize(ref _series, Count * 2);
            Array.Resize(ref _timestamps, Count * 2);
            Array.Resize(ref _values, Count * 2);
        }
        _series[Count] = series;
        _timestamps[Count] = timestamp;
        _values[Count] = value;
        Count++;
    }
}
