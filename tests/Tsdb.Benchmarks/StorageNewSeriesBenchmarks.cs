using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Tsdb.Core;
using Tsdb.Protocols.Naming;

namespace Tsdb.Benchmarks;

/// <summary>
/// The cost of a series' first point, which bounds how fast many new nodes can arrive at once (5,000 collectl
/// nodes create 520,000 series in their first second): 200,000 never-seen names (the collectl capture's 104 per node), each through the
/// listener's interner (backed by the store's names, as the server wires it) and one <see cref="TsdbStore.Write"/>
/// in batches of 1,000, into a fresh store per iteration (default schema, real FASTER files).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class StorageNewSeriesBenchmarks
{
    private const int Series = 200_000, BatchSize = 1_000;
    private const long Now = 1_795_986_000;
    private string[] _rawNames = [];
    private BenchStore? _bench;
    private MetricNameInterner _interner = null!;
    private readonly PointBatch _batch = new(BatchSize);

    [GlobalSetup]
    public void Setup()
    {
        // The capture's 104 names below a new node each ("vm." becomes "node000000."): the tree's real fan-out.
        string[] metrics = File.ReadLines(Fixtures.PathOf("collectl-export-60s.txt"))
            .Select(line => line[(line.IndexOf('.') + 1)..line.IndexOf(' ')]).Distinct().ToArray();
        // Distinct string instances, as a socket read yields them: the interner makes the store's instance.
        _rawNames = Enumerable.Range(0, Series).Select(i => $"node{i / metrics.Length:D6}.{metrics[i % metrics.Length]}").ToArray();
    }

    [IterationSetup]
    public void FreshStore()
    {
        _bench?.Dispose();
        _bench = new BenchStore(Now);
        _interner = new MetricNameInterner(known: _bench.Store);
    }

    [Benchmark(OperationsPerInvoke = Series)]
    public void FirstPointOfNewSeries()
    {
        var store = _bench!.Store;
        for (int start = 0; start < Series; start += BatchSize)
        {
            _batch.Clear();
            _batch.ArrivalTime = Now;
            for (int i = start; i < start + BatchSize; i++)
            {
                _interner.TryResolve(_rawNames[i], out string name);
                _batch.Add(name, Now, i);
            }
            store.Write(_batch);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _bench?.Dispose();
}
