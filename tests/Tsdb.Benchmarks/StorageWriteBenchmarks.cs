using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Storage;

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
    private string _directory = "";
    private TsdbStore _store = null!;
    private string[] _names = [];
    private PointBatch _batch = new(Series);
    private long _timestamp;

    private sealed class FixedTime(long now) : TimeProvider
    {
        public long Now = now;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
    }

    private FixedTime _time = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "tsdb-bench-" + Guid.NewGuid().ToString("N"));
        _timestamp = 1_795_986_000;
        _time = new FixedTime(_timestamp);
        _store = TsdbStore.Open(new StorageOptions
        {
            DataDirectory = _directory,
            CheckpointInterval = TimeSpan.FromHours(1),
        }, _time, NullLoggerFactory.Instance);
        _names = Enumerable.Range(0, Series).Select(i => $"bench.host{i / 50}.cpu{i % 50}.user").ToArray();
    }

    [Benchmark(OperationsPerInvoke = Series)]
    public void WriteBatch()
    {
        _timestamp++;
        _time.Now = _timestamp;
        _batch.Clear();
        _batch.ArrivalTime = _timestamp;
        for (int i = 0; i < _names.Length; i++) _batch.Add(_names[i], _timestamp, i * 0.5 + (_timestamp & 7));
        _store.Write(_batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }
}
