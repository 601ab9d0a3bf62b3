using System.Text;
using Tsdb.Core;

namespace Tsdb.Storage.Internal;

/// <summary>
/// One WAL entry = a written batch (or a page-sized part of it): version byte (1), arrival time (i64 LE), point count (7-bit varint),
/// then per point: name (varint byte length + UTF-8), timestamp (i64 LE), value (f64 LE).
/// FasterLog adds its own length header and per-entry checksum.
/// </summary>
internal static class WalRecord
{
    private const byte Version = 1;

    /// <summary>Encodes points from <paramref name="start"/> on until the entry would exceed
    /// <paramref name="maxBytes"/> (at least one point), so no entry outgrows a FasterLog page.</summary>
    /// <returns>The entry; <paramref name="next"/> is the first point not included.</returns>
    public static byte[] Encode(PointBatch batch, int start, long arrivalTime, int maxBytes, MemoryStream buffer, out int next)
    {
        var names = batch.Names;
        var timestamps = batch.Timestamps;
        var values = batch.Values;
        int end = start, size = 16;
        while (end < names.Length)
        {
            int pointSize = Encoding.UTF8.GetByteCount(names[end]) + 5 + 16;
            if (end > start && size + pointSize > maxBytes) break;
            size += pointSize;
            end++;
        }
        buffer.SetLength(0);
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(arrivalTime);
            w.Write7BitEncodedInt(end - start);
            for (int i = start; i < end; i++)
            {
                w.Write(names[i]);
                w.Write(timestamps[i]);
                w.Write(values[i]);
            }
        }
        next = end;
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Malformed entry.</exception>
    public static PointBatch Decode(byte[] entry, int length, out long arrivalTime)
    {
        try
        {
            using var r = new BinaryReader(new MemoryStream(entry, 0, length), Encoding.UTF8);
            if (r.ReadByte() != Version) throw new InvalidDataException("unknown WAL record version");
            arrivalTime = r.ReadInt64();
            int count = r.Read7BitEncodedInt();
            if (count < 0) throw new InvalidDataException("negative point count");
            var batch = new PointBatch(Math.Max(1, count)) { ArrivalTime = arrivalTime };
            for (int i = 0; i < count; i++) batch.Add(r.ReadString(), r.ReadInt64(), r.ReadDouble());
            return batch;
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or DecoderFallbackException)
        {
            throw new InvalidDataException("truncated WAL record", e);
        }
    }
}
