using Tsdb.Core.Events;
using Tsdb.Storage.Events;

namespace Tsdb.Storage.Tests;

/// <summary>Events journaled in a FasterLog: every change is durable on return, ids are never reused.</summary>
public sealed class EventStoreTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsdb-event-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetDirectoryName(_directory)!, Path.GetFileName(_directory) + "*"))
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public void Events_come_back_after_a_clean_restart()
    {
        using (var store = EventStore.Open(_directory))
        {
            Assert.Equal(1, store.Add(1000, "deploy", "v1.2", ["prod", "web"]).Id);
            Assert.Equal(2, store.Add(900, "restart", "", ["web"]).Id);
            Assert.Equal(3, store.Add(1100, "ünïcode", "{\"k\": 1}", []).Id);
            Assert.True(store.Delete(3));
            Assert.False(store.Delete(3));
        }
        using var reopened = EventStore.Open(_directory);
        Assert.Equal(
            [new(2, 900, "restart", "", ["web"]), new GraphiteEvent(1, 1000, "deploy", "v1.2", ["prod", "web"])],
            reopened.Find(0, 2000, null).Select(e => e with { Tags = e.Tags.ToArray() }),
            new EventComparer());
        Assert.Null(reopened.Get(3));
        Assert.Equal(4, reopened.Add(1200, "next", "", []).Id);
    }

    [Fact]
    public void Events_survive_a_crash_without_close()
    {
        var store = EventStore.Open(_directory);
        store.Add(1000, "loadtest start", "", ["loadtest"]);
        store.Add(1600, "loadtest end", "", ["loadtest"]);
        using var reopened = EventStore.Open(_directory);
        Assert.Equal(["loadtest start", "loadtest end"], reopened.Find(0, 2000, ["loadtest"]).Select(e => e.What));
        store.Dispose();
    }

    [Fact]
    public void A_journal_with_destroyed_commit_records_opens_empty_and_takes_new_events()
    {
        using (var store = EventStore.Open(_directory))
            store.Add(1000, "lost", "", []);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_directory, "commits"), "*", SearchOption.AllDirectories))
            File.WriteAllBytes(file, new byte[64]);
        using var reopened = EventStore.Open(_directory);
        Assert.Equal(0, reopened.Count);
        Assert.Equal(1, reopened.Add(2000, "new", "", []).Id);
    }

    [Fact]
    public void Find_filters_by_inclusive_range_and_tag_set()
    {
        using var store = EventStore.Open(_directory);
        store.Add(100, "a", "", ["prod", "web"]);
        store.Add(200, "b", "", ["prod"]);
        store.Add(300, "c", "", ["db"]);
        string Whats(long from, long until, string[]? tags, EventTagSet set = EventTagSet.All) =>
            string.Join(",", store.Find(from, until, tags, set).Select(e => e.What));
        Assert.Equal("a,b,c", Whats(100, 300, null));
        Assert.Equal("b", Whats(101, 299, null));
        Assert.Equal("a,b", Whats(0, 1000, ["prod"]));
        Assert.Equal("a", Whats(0, 1000, ["prod", "web"]));
        Assert.Equal("a,b", Whats(0, 1000, ["prod", "nobody"])); // django-tagging ignores unknown tags
        Assert.Equal("", Whats(0, 1000, ["nobody"]));
        Assert.Equal("a,c", Whats(0, 1000, ["web", "db"], EventTagSet.Union));
        Assert.Equal("", Whats(0, 1000, ["prod", "nobody"], EventTagSet.Intersection));
        Assert.Equal("a", Whats(0, 1000, ["web", "prod"], EventTagSet.Intersection));
    }

    private sealed class EventComparer : IEqualityComparer<GraphiteEvent>
    {
        public bool Equals(GraphiteEvent? x, GraphiteEvent? y) =>
            x!.Id == y!.Id && x.When == y.When && x.What == y.What && x.Data == y.Data && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(GraphiteEvent e) => e.Id.GetHashCode();
    }
}
