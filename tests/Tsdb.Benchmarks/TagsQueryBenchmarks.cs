using BenchmarkDotNet.Attributes;
using Tsdb.Core.Tags;

namespace Tsdb.Benchmarks;

/// <summary>Tag index queries over 100,000 tagged series (10 dc, 100 racks, a host each): the seriesByTag
/// shapes Grafana's tag editor produces, and its autocomplete calls.</summary>
[MemoryDiagnoser]
public class TagsQueryBenchmarks
{
    private readonly TagIndex _index = new();

    [GlobalSetup]
    public void Setup()
    {
        for (int i = 0; i < 100_000; i++)
            _index.Add($"node.cpu;dc=dc{i % 10};host=host{i:D6};rack=r{i % 100}");
    }

    [Benchmark]
    public int EqualityPair() => _index.FindSeries(["dc=dc3", "rack=r13"]).Count;

    [Benchmark]
    public int RegexOverManyValues() => _index.FindSeries(["host=~host00012[0-9]", "dc=dc3"]).Count;

    [Benchmark]
    public int RegexWithNegation() => _index.FindSeries(["rack=~r1", "dc!=dc1"]).Count;

    [Benchmark]
    public int AutoCompleteValues() => _index.AutoCompleteValues(["dc=dc3"], "rack", "r1", 100).Count;

    [Benchmark]
    public int AutoCompleteTags() => _index.AutoCompleteTags([], "r", 100).Count;
}
