using System.Buffers.Binary;
using System.Text;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Internal;

/// <summary>
/// Persisted description of one series (key <see cref="ChunkKey.Catalog"/>): version byte (1), name,
/// archive count, per archive step and points (varints), aggregation method byte, xFilesFactor (f32),
/// then per archive the sorted window indices that have a stored chunk (count + first + gaps, varints).
/// The schema is stored because whisper fixes it at creation: later config edits do not change a series.
/// </summary>
internal static class CatalogRecord
{
    private const byte Version = 1;

    /// <summary>The record's bytes, written straight into one array of their size: with a stream and a writer a record
    /// allocated 504 bytes instead of 120 (tests/Tsdb.Benchmarks, StorageCatalogRecordBenchmarks), 384 MB of garbage
    /// in the first checkpoint after 10,000 collectl nodes arrived (a million new series); 0.16 us against 0.21.</summary>
    public static byte[] Encode(SeriesState series)
    {
        var schema = series.Schema;
        // Upper bound: a varint is at most 5 bytes (int) or 10 (long).
        int nameBytes = Encoding.UTF8.GetByteCount(series.Name);
        int bound = 1 + 5 + nameBytes + 1 + 10 * schema.Archives.Count + 1 + sizeof(float);
        foreach (var archive in series.Archives) bound += 5 + 10 * archive.StoredWindows.Length;
        Span<byte> buffer = bound <= 1024 ? stackalloc byte[1024] : new byte[bound];
        int n = 0;
        buffer[n++] = Version;
        n += Varint.Write(buffer[n..], (uint)nameBytes);
        n += Encoding.UTF8.GetBytes(series.Name, buffer[n..]);
        buffer[n++] = (byte)schema.Archives.Count;
        foreach (var a in schema.Archives)
        {
            n += Varint.Write(buffer[n..], (uint)a.Step);
            n += Varint.Write(buffer[n..], (uint)a.Points);
        }
        buffer[n++] = (byte)schema.Method;
        BinaryPrimitives.WriteSingleLittleEndian(buffer[n..], schema.XFilesFactor);
        n += sizeof(float);
        foreach (var archive in series.Archives)
        {
            var windows = archive.StoredWindows;
            n += Varint.Write(buffer[n..], (uint)windows.Length);
            long previous = 0;
            foreach (var idx in windows)
            {
                n += Varint.Write(buffer[n..], (ulong)(idx - previous));
                previous = idx;
            }
        }
        return buffer[..n].ToArray();
    }


    /// <summary>The series a record describes. Reads the record in place (recovery decodes a million of them,
    /// and a reader object per record was most of what recovery allocated for it). The schema is
    /// <paramref name="like"/> when the record's archives, method and xFilesFactor are that schema's (consecutive
    /// series nearly always share one), else the shared schema for them.</summary>
    /// <exception cref="InvalidDataException">Unknown version or malformed record.</exception>
    /// <exception cref="EndOfStreamException">Truncated record.</exception>
    /// <exception cref="ArgumentException">An archive list whisper refuses.</exception>
    public static SeriesState Decode(int id, byte[] value, SeriesSchema? like = null)
    {
        ReadOnlySpan<byte> record = value;
        int pos = 0;
        if (ReadByte(record, ref pos) != Version) throw new InvalidDataException("unknown catalog record version");
        int nameLength = ReadInt(record, ref pos);
        if (nameLength > record.Length - pos) throw new EndOfStreamException("catalog record name runs past its end");
        string name = Encoding.UTF8.GetString(record.Slice(pos, nameLength));
        pos += nameLength;
        int count = ReadByte(record, ref pos);
        Span<ArchiveSpec> archives = stackalloc ArchiveSpec[count];
        for (int i = 0; i < count; i++)
            archives[i] = new ArchiveSpec(ReadInt(record, ref pos), ReadInt(record, ref pos));
        var method = (AggregationMethod)ReadByte(record, ref pos);
        if (record.Length - pos < 4) throw new EndOfStreamException("catalog record ends in its xFilesFactor");
        float xff = BinaryPrimitives.ReadSingleLittleEndian(record[pos..]);
        pos += 4;
        var schema = like is not null && IsSchema(like, archives, method, xff)
            ? like
            : SeriesSchema.For(archives.ToArray(), method, xff);
        var series = new SeriesState(id, name, schema);
        for (int a = 0; a < series.Archives.Length; a++)
        {
            int n = ReadInt(record, ref pos);
            if (n == 0) continue;
            if (n > record.Length - pos) throw new EndOfStreamException("catalog record lists more windows than it holds");
            if (n == 1)
            {
                // The common case (an idle series of a few points), held inline: no array to allocate and drop.
                series.Archives[a].MarkStored((long)ReadVarint(record, ref pos, 10));
                continue;
            }
            var windows = new long[n];
            long previous = 0;
            for (int i = 0; i < n; i++) windows[i] = previous += (long)ReadVarint(record, ref pos, 10);
            series.Archives[a].RestoreStored(windows);
        }
        return series;
    }

    private static bool IsSchema(SeriesSchema schema, ReadOnlySpan<ArchiveSpec> archives, AggregationMethod method, float xff)
    {
        if (schema.Method != method || !schema.XFilesFactor.Equals(xff) || schema.Archives.Count != archives.Length) return false;
        for (int i = 0; i < archives.Length; i++)
            if (schema.Archives[i] != archives[i]) return false;
        return true;
    }

    private static byte ReadByte(ReadOnlySpan<byte> record, ref int pos) =>
        pos < record.Length ? record[pos++] : throw new EndOfStreamException("catalog record truncated");

    /// <summary>A non-negative int in BinaryWriter's 7-bit encoding (every int the record holds is one).</summary>
    private static int ReadInt(ReadOnlySpan<byte> record, ref int pos) =>
        ReadVarint(record, ref pos, 5) is var value && value <= int.MaxValue
            ? (int)value
            : throw new InvalidDataException("catalog record int out of range");

    /// <summary>BinaryWriter's 7-bit encoding (little-endian groups, high bit = more) of at most
    /// <paramref name="maxBytes"/> bytes (5 for an int, 10 for a long).</summary>
    private static ulong ReadVarint(ReadOnlySpan<byte> record, ref int pos, int maxBytes)
    {
        ulong value = 0;
        for (int i = 0; i < maxBytes; i++)
        {
            byte b = ReadByte(record, ref pos);
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("catalog record varint too long");
    }

    /// <summary>The meta record: version, series count, WAL address covered by the checkpoint.</summary>
    public static byte[] EncodeMeta(int seriesCount, long walCoveredAddress)
    {
        var bytes = new byte[13];
        bytes[0] = Version;
        BitConverter.TryWriteBytes(bytes.AsSpan(1), seriesCount);
        BitConverter.TryWriteBytes(bytes.AsSpan(5), walCoveredAddress);
        return bytes;
    }

    public static (int SeriesCount, long WalCoveredAddress) DecodeMeta(byte[] value)
    {
        if (value.Length != 13 || value[0] != Version) throw new InvalidDataException("unknown meta record");
        return (BitConverter.ToInt32(value, 1), BitConverter.ToInt64(value, 5));
    }
}
