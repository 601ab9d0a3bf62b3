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
