using BenchmarkDotNet.Attributes;
using Tsdb.Core;

namespace Tsdb.Benchmarks;

/// <summary>
/// The storage hot path: one batch of 1000 series x 1 point through <see cref="TsdbStore.Write"/>
/// (WAL append, routing, chunk set, whisper rollup into 1m and 5m) with the default schema
/// 1s:1d,1m:30d,5m:1y. Each invocation advances the timestamps by one second, like a live feed.
/// </summary>
[MemoryDiagnoser]
public class StorageWriteBenchmarks
{
    private const int Series = 1000;
    private BenchStore _bench = null!;
    private string[] _names = [];
    private PointBatch _batch = new(Series);
    private long _timestamp;


    [GlobalSetup]
    public void Setup()
    {
        _timestamp = 1_795_986_000;
        _bench = new BenchStore(_timestamp);
        _names = Enumerable.Range(0, Series).Select(i => $"bench.host{i / 50}.cpu{i % 50}.user").ToArray();
    }

    [Benchmark(OperationsPerInvoke = Series)]
    public void WriteBatch()
    {
        _timestamp++;
        _bench.Now = _timestamp;
        _batch.Clear();
        _batch.ArrivalTime = _timestamp;
        for (int i = 0; i < _names.Length; i++) _batch.Add(_names[i], _timestamp, i * 0.5 + (_timestamp & 7));
        _bench.Store.Write(_batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();
}
