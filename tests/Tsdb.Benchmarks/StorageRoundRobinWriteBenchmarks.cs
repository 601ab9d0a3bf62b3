using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Storage;

namespace Tsdb.Benchmarks;

/// <summary>
/// The writer under a flood of many series: batches of 1024 points (as the socket reader fills them) cycling
/// round-robin over 10,000 series, so every point of a batch belongs to a different series and the writer's
/// per-series state is mostly out of cache. Names are the same string instances every round (ingestion
/// interns them). The timestamp advances by one second per full round, like a 1 s feed; default schema.
/// </summary>
[MemoryDiagnoser]
public class StorageRoundRobinWriteBenchmarks
{
    private const int Series = 10_000;
    private const int BatchSize = 1024;
    private string _directory = "";
    private TsdbStore _store = null!;
    private string[] _names = [];
    private readonly PointBatch _batch = new(BatchSize);
    private long _timestamp;
    private int _next;

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
        _names = Enumerable.Range(0, Series).Select(i => $"flood.host{i / 100}.metric{i % 100}").ToArray();
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void WriteBatch()
    {
        _batch.Clear();
        _batch.ArrivalTime = _timestamp;
        for (int i = 0; i < BatchSize; i++)
        {
            _batch.Add(_names[_next], _timestamp, _next * 0.5 + (_timestamp & 7));
            if (++_next == Series)
            {
                _next = 0;
                _time.Now = ++_timestamp;
            }
        }
        _store.Write(_batch);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }
}
