using Tsdb.Core.Tags;
using Tsdb.Storage.Tags;

namespace Tsdb.Storage.Tests;

/// <summary>The tag database over a real store: rebuilt from the catalog and the WAL, journaled edits
/// survive clean restarts and crashes.</summary>
public sealed class TagDatabaseTests
{
    private const long Now = 1_795_730_400;

    /// <summary>Stand-in for carbon's canonicalisation (the real one lives in Tsdb.Protocols): tags sorted.</summary>
    private static string Canonical(string raw)
    {
        var tags = TaggedName.Parse(raw) ?? throw new FormatException($"Cannot parse path {raw}");
        var name = tags.Single(t => t.Key == "name").Value;
        return name + string.Concat(tags.Where(t => t.Key != "name").Select(t => $";{t.Key}={t.Value}").Order(StringComparer.Ordinal));
    }

    private static TagDatabase OpenTags(StoreFixture f) =>
        TagDatabase.Open(Path.Combine(f.Options.DataDirectory, "tags"), f.Store, Canonical);

    [Fact]
    public async Task New_tagged_series_are_indexed_as_they_are_created()
    {
        await using var f = new StoreFixture(Now);
        using var tags = OpenTags(f);
        f.Write(("disk.used;dc=lab;host=h1", Now - 10, 1), ("plain.metric", Now - 10, 2), ("disk.used;dc=prod;host=h3", Now - 10, 3));
        Assert.Equal(["disk.used;dc=lab;host=h1", "disk.used;dc=prod;host=h3"], tags.FindSeries(["name=disk.used"]));
        Assert.Empty(tags.FindSeries(["name=plain.metric"]));
        Assert.Equal(["dc", "host", "name"], tags.ListTags().Select(t => t.Tag));
    }

    [Fact]
    public async Task Index_and_edits_come_back_after_a_clean_restart()
    {
        await using var f = new StoreFixture(Now);
        var tags = OpenTags(f);
        f.Write(("disk.used;dc=lab;host=h1", Now - 10, 1), ("disk.used;dc=lab;host=h2", Now - 10, 2));
        Assert.Equal("only.tagged;k=v;z=1", tags.TagSeries("only.tagged;z=1;k=v"));
        tags.DeleteSeries("disk.used;host=h2;dc=lab");
        Assert.Throws<FormatException>(() => tags.TagSeries(";k=v"));
        tags.Dispose();
        await f.RestartAsync();

        using var reopened = OpenTags(f);
        Assert.Equal(["disk.used;dc=lab;host=h1", "only.tagged;k=v;z=1"], reopened.FindSeries(["name=~(disk|only)"]));
        Assert.Equal(2, reopened.Count);
    }

    [Fact]
    public async Task Series_from_the_replayed_wal_and_journaled_edits_survive_a_crash()
    {
        await using var f = new StoreFixture(Now);
        var tags = OpenTags(f);
        f.Write(("cpu.load;dc=lab;host=h1", Now - 10, 1), ("cpu.load;dc=lab;host=h2", Now - 10, 2));
        tags.TagSeries("explicit;a=b");
        tags.DeleteSeries("cpu.load;dc=lab;host=h2");
        // Crash: no checkpoint of the store, the tag journal is not closed either.
        await f.CrashAndReopenAsync();

        using var reopened = OpenTags(f);
        Assert.Equal(["cpu.load;dc=lab;host=h1"], reopened.FindSeries(["name=cpu.load"]));
        Assert.Equal(["explicit;a=b"], reopened.FindSeries(["a=b"]));
        tags.Dispose();
    }

    [Fact]
    public async Task A_deleted_name_created_again_in_storage_is_indexed_again()
    {
        await using var f = new StoreFixture(Now);
        var tags = OpenTags(f);
        tags.TagSeries("late.series;k=v");
        tags.DeleteSeries("late.series;k=v");
        Assert.Empty(tags.FindSeries(["k=v"]));
        f.Write(("late.series;k=v", Now - 5, 1));
        Assert.Equal(["late.series;k=v"], tags.FindSeries(["k=v"]));
        tags.Dispose();
        await f.RestartAsync();

        using var reopened = OpenTags(f);
        Assert.Equal(["late.series;k=v"], reopened.FindSeries(["k=v"]));
    }
}
