using BenchmarkDotNet.Attributes;
using Tsdb.Core;

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
    private BenchStore _bench = null!;
    private string[] _names = [];
    private readonly PointBatch _batch = new(BatchSize);
    private long _timestamp;
    private int _next;


    [GlobalSetup]
    public void Setup()
    {
        _timestamp = 1_795_986_000;
        _bench = new BenchStore(_timestamp);
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
                _bench.Now = ++_timestamp;
            }
        }
        _bench.Store.Write(_batch);
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();
}
