using BenchmarkDotNet.Attributes;
using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Benchmarks;

/// <summary>The writer's lookup of a series by name instance, round-robin over 10,000 names.</summary>
public class StorageInstanceMapBenchmarks
{
    private const int Series = 10_000;
    private string[] _names = [];
    private readonly InstanceMap _map = new();
    private readonly Dictionary<string, SeriesState> _dictionary = new(ReferenceEqualityComparer.Instance);
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var schema = SeriesSchema.For([new ArchiveSpec(1, 86400)], AggregationMethod.Average, 0.5f);
        _names = Enumerable.Range(0, Series).Select(i => $"flood.host{i / 100}.metric{i % 100}").ToArray();
        for (int i = 0; i < Series; i++)
        {
            var series = new SeriesState(i, _names[i], schema);
            _map.TryAdd(_names[i], series);
            _dictionary.TryAdd(_names[i], series);
        }
    }

    [Benchmark(OperationsPerInvoke = 1024)]
    public int Map()
    {
        int sum = 0;
        for (int i = 0; i < 1024; i++)
        {
            _map.TryGetValue(_names[_next], out var s);
            sum += s!.Id;
            if (++_next == Series) _next = 0;
        }
        return sum;
    }

    [Benchmark(OperationsPerInvoke = 1024, Baseline = true)]
    public int Dictionary()
    {
        int sum = 0;
        for (int i = 0; i < 1024; i++)
        {
            _dictionary.TryGetValue(_names[_next], out var s);
            sum += s!.Id;
            if (++_next == Series) _next = 0;
        }
        return sum;
    }
}
