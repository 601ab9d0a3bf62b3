using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Tests;

public sealed class InstanceMapTests
{
    private static readonly SeriesSchema Schema = SeriesSchema.For([new ArchiveSpec(1, 60)], AggregationMethod.Average, 0.5f);

    [Fact]
    public void Keys_are_instances_not_text()
    {
        var map = new InstanceMap();
        string name = "a.b.c";
        string copy = new(name.AsSpan());
        var series = new SeriesState(0, name, Schema);
        Assert.True(map.TryAdd(name, series));
        Assert.False(map.TryAdd(name, new SeriesState(1, name, Schema)));
        Assert.True(map.TryGetValue(name, out var found));
        Assert.Same(series, found);
        Assert.False(map.TryGetValue(copy, out _));
        Assert.True(map.TryAdd(copy, series));
        Assert.Equal(2, map.Count);
    }

    [Fact]
    public void Finds_every_key_after_growing()
    {
        var map = new InstanceMap();
        var names = Enumerable.Range(0, 5000).Select(i => $"s{i}").ToArray();
        for (int i = 0; i < names.Length; i++) Assert.True(map.TryAdd(names[i], new SeriesState(i, names[i], Schema)));
        Assert.Equal(names.Length, map.Count);
        for (int i = 0; i < names.Length; i++)
        {
            Assert.True(map.TryGetValue(names[i], out var series));
            Assert.Equal(i, series.Id);
        }
        Assert.False(map.TryGetValue("s1", out _));
    }
}
