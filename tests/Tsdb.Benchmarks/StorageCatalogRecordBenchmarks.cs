using BenchmarkDotNet.Attributes;
using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Benchmarks;

/// <summary>Encoding one series' catalog record, as a checkpoint does for every new series (a million at once after
/// a fleet of 10,000 collectl nodes arrives): a collectl name, the built-in three archives, a few stored windows.</summary>
[MemoryDiagnoser]
public class StorageCatalogRecordBenchmarks
{
    private SeriesState _series = null!;

    [GlobalSetup]
    public void Setup()
    {
        var schema = SeriesSchema.For([new ArchiveSpec(1, 86400), new ArchiveSpec(60, 43200), new ArchiveSpec(300, 105120)], AggregationMethod.Average, 0.5f);
        _series = new SeriesState(123_456, "node0421.diskinfo.writekbs.sda", schema);
        for (long window = 2_493_000; window < 2_493_004; window++) _series.Archives[0].MarkStored(window);
        _series.Archives[1].MarkStored(41_550);
    }

    [Benchmark]
    public byte[] Encode() => CatalogRecord.Encode(_series);
}
