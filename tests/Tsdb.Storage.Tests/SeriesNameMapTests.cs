using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Tests;

/// <summary>The store's series-by-name table: lookups by string and by span, replacement, growth past its
/// initial size, and a reader running while the single writer adds names finding every name added before
/// its lookup started.</summary>
public sealed class SeriesNameMapTests
{
    private static readonly SeriesSchema Schema = SeriesSchema.For([new ArchiveSpec(1, 60)], AggregationMethod.Average, 0.5f);

    private static SeriesState Series(int id, string name) => new(id, name, Schema);

    [Fact]
    public void Names_are_found_by_string_and_by_span_and_a_set_of_the_same_name_replaces()
    {
        var map = new SeriesNameMap();
        var a = Series(0, "node1.disk.sda");
        map.Set(a);
        map.Set(Series(1, "node1.disk.sdb"));
        Assert.Equal(2, map.Count);
        Assert.True(map.TryGetValue("node1.disk.sda", out var found));
        Assert.Same(a, found);
        Assert.True(map.TryGetValue("x node1.disk.sdb y".AsSpan(2, 14), out found));
        Assert.Equal(1, found.Id);
        Assert.False(map.ContainsKey("node1.disk"));
        Assert.False(map.ContainsKey("node1.disk.sda."));

        var replacement = Series(7, "node1.disk.sda");
        map.Set(replacement);
        Assert.Equal(2, map.Count);
        Assert.True(map.TryGetValue("node1.disk.sda", out found));
        Assert.Same(replacement, found);
    }

    [Fact]
    public void GetOrAdd_creates_a_series_only_for_a_name_not_held_and_keeps_it_through_growth()
    {
        var map = new SeriesNameMap();
        var held = Series(0, "node1.disk.sda");
        map.Set(held);
        int created = 0;
        Assert.Same(held, map.GetOrAdd("node1.disk.sda", (_, _) => throw new InvalidOperationException(), 0, out bool added));
        Assert.False(added);
        for (int i = 1; i <= 1000; i++)
        {
            var series = map.GetOrAdd($"node{i}.disk.sdb", (name, id) => { created++; return Series(id, name); }, i, out added);
            Assert.True(added);
            Assert.Equal(i, series.Id);
            Assert.Same(series, map.GetOrAdd(series.Name, (_, _) => throw new InvalidOperationException(), 0, out added));
            Assert.False(added);
        }
        Assert.Equal(1000, created);
        Assert.Equal(1001, map.Count);
        for (int i = 1; i <= 1000; i++)
        {
            Assert.True(map.TryGetValue($"node{i}.disk.sdb", out var found));
            Assert.Equal(i, found.Id);
        }
    }

    [Fact]
    public void A_hundred_thousand_names_survive_every_growth()
    {
        var map = new SeriesNameMap();
        const int n = 100_000;
        for (int i = 0; i < n; i++) map.Set(Series(i, $"node{i % 977}.m{i}"));
        Assert.Equal(n, map.Count);
        for (int i = 0; i < n; i++)
        {
            Assert.True(map.TryGetValue($"node{i % 977}.m{i}", out var series));
            Assert.Equal(i, series.Id);
        }
        Assert.False(map.ContainsKey($"node0.m{n}"));
    }

    [Fact]
    public async Task A_reader_beside_the_writer_finds_every_name_added_before_its_lookup()
    {
        var map = new SeriesNameMap();
        const int n = 200_000;
        int added = 0;
        var writer = Task.Run(() =>
        {
            for (int i = 0; i < n; i++)
            {
                map.Set(Series(i, "s." + i));
                Volatile.Write(ref added, i + 1);
            }
        });
        var random = new Random(5);
        long checkedNames = 0;
        while (!writer.IsCompleted)
        {
            int upTo = Volatile.Read(ref added);
            if (upTo == 0) continue;
            int i = random.Next(upTo);
            Assert.True(map.TryGetValue("s." + i, out var series), $"s.{i} added before the lookup is missing");
            Assert.Equal(i, series.Id);
            checkedNames++;
        }
        await writer;
        Assert.Equal(n, map.Count);
        Assert.True(checkedNames > 0);
    }
}
