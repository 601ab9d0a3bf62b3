using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Tests;

/// <summary>The catalog record a series is recovered from: what it encodes comes back, and a damaged record
/// fails only with the exceptions recovery turns into a lost-record placeholder.</summary>
public sealed class CatalogRecordTests
{
    private static readonly SeriesSchema Schema =
        SeriesSchema.For([new ArchiveSpec(10, 360), new ArchiveSpec(60, 1440), new ArchiveSpec(300, 2016)], AggregationMethod.Max, 0.25f);

    private static SeriesState Stored(string name)
    {
        var series = new SeriesState(7, name, Schema);
        series.Archives[0].MarkStored(3);
        series.Archives[0].MarkStored(200_000);
        series.Archives[0].MarkStored(1);
        series.Archives[2].MarkStored(long.MaxValue / 7200);
        return series;
    }

    [Fact]
    public void A_record_decodes_to_the_series_it_encodes()
    {
        var decoded = CatalogRecord.Decode(7, CatalogRecord.Encode(Stored("disk.é;tag=ü")));
        Assert.Equal((7, "disk.é;tag=ü"), (decoded.Id, decoded.Name));
        Assert.Same(Schema, decoded.Schema);
        Assert.Equal([1L, 3, 200_000], decoded.Archives[0].StoredWindows.ToArray());
        Assert.Empty(decoded.Archives[1].StoredWindows.ToArray());
        Assert.Equal([long.MaxValue / 7200], decoded.Archives[2].StoredWindows.ToArray());
    }

    /// <summary>Records already on disk were written with a BinaryWriter (string with its 7-bit length, 7-bit
    /// varints, a little-endian float): the encoder writes the same bytes, also for a name past its stack buffer.</summary>
    [Theory]
    [InlineData("disk.é;tag=ü")]
    [InlineData("")]
    [InlineData(null)]
    public void A_record_has_the_bytes_a_binary_writer_gave_it(string? name)
    {
        var series = Stored(name ?? new string('n', 3000));
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write((byte)1);
            w.Write(series.Name);
            w.Write((byte)3);
            foreach (var a in Schema.Archives)
            {
                w.Write7BitEncodedInt(a.Step);
                w.Write7BitEncodedInt(a.Points);
            }
            w.Write((byte)Schema.Method);
            w.Write(Schema.XFilesFactor);
            foreach (var archive in series.Archives)
            {
                var windows = archive.StoredWindows;
                w.Write7BitEncodedInt(windows.Length);
                long previous = 0;
                foreach (long window in windows)
                {
                    w.Write7BitEncodedInt64(window - previous);
                    previous = window;
                }
            }
        }
        Assert.Equal(ms.ToArray(), CatalogRecord.Encode(series));
    }

    /// <summary>Decoding is handed the previous series' schema as a shortcut; one that differs is not taken.</summary>
    [Fact]
    public void A_previous_schema_that_differs_from_the_records_is_not_reused()
    {
        var other = SeriesSchema.For([new ArchiveSpec(10, 360), new ArchiveSpec(60, 1440), new ArchiveSpec(300, 2016)], AggregationMethod.Min, 0.25f);
        Assert.Same(Schema, CatalogRecord.Decode(1, CatalogRecord.Encode(Stored("a")), like: other).Schema);
        var shorter = SeriesSchema.For([new ArchiveSpec(10, 360), new ArchiveSpec(60, 1440)], AggregationMethod.Max, 0.25f);
        Assert.Same(Schema, CatalogRecord.Decode(1, CatalogRecord.Encode(Stored("a")), like: shorter).Schema);
    }

    [Fact]
    public void Every_truncation_of_a_record_fails_as_damaged()
    {
        byte[] record = CatalogRecord.Encode(Stored("host.metric"));
        for (int length = 0; length < record.Length; length++)
        {
            var e = Record.Exception(() => CatalogRecord.Decode(0, record[..length]));
            Assert.True(e is InvalidDataException or EndOfStreamException or ArgumentException, $"length {length}: {e}");
        }
    }
}
