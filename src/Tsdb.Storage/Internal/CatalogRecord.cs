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

    public static byte[] Encode(SeriesState series)
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Version);
            w.Write(series.Name);
            var schema = series.Schema;
            w.Write((byte)schema.Archives.Count);
            foreach (var a in schema.Archives)
            {
                w.Write7BitEncodedInt(a.Step);
                w.Write7BitEncodedInt(a.Points);
            }
            w.Write((byte)schema.Method);
            w.Write(schema.XFilesFactor);
            foreach (var archive in series.Archives)
            {
                var windows = archive.StoredWindows;
                w.Write7BitEncodedInt(windows.Length);
                long previous = 0;
                foreach (var idx in windows)
                {
                    w.Write7BitEncodedInt64(idx - previous);
                    previous = idx;
                }
            }
        }
        return ms.ToArray();
    }

    public static SeriesState Decode(int id, byte[] value)
    {
        using var r = new BinaryReader(new MemoryStream(value), Encoding.UTF8);
        if (r.ReadByte() != Version) throw new InvalidDataException("unknown catalog record version");
        string name = r.ReadString();
        int count = r.ReadByte();
        var archives = new ArchiveSpec[count];
        for (int i = 0; i < count; i++) archives[i] = new ArchiveSpec(r.Read7BitEncodedInt(), r.Read7BitEncodedInt());
        var method = (AggregationMethod)r.ReadByte();
        float xff = r.ReadSingle();
        var series = new SeriesState(id, name, SeriesSchema.For(archives, method, xff));
        foreach (var archive in series.Archives)
        {
            int n = r.Read7BitEncodedInt();
            long previous = 0;
            for (int i = 0; i < n; i++)
            {
                previous += r.Read7BitEncodedInt64();
                archive.MarkStored(previous);
            }
        }
        return series;
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
