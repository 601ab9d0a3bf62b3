using System.Security.Cryptography;
using System.Text;
using Tsdb.Core;

namespace Tsdb.Storage.Tests;

public sealed class NamingTests
{
    private const long T0 = 1795986000;

    private static string Hash(string name) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

    [Fact]
    public async Task Tagged_series_are_listed_under_their_hash_path_and_found_by_exact_name()
    {
        await using var f = new StoreFixture(T0 + 60);
        const string tagged = "disk.used;dc=x;server=s1";
        f.Write((tagged, T0, 5), ("plain.metric", T0, 1));
        string h = Hash(tagged);
        string path = $"_tagged.{h[..3]}.{h[3..6]}.{h}";

        Assert.Equal([new MetricNode("_tagged", false), new MetricNode("plain", false)], f.Store.Find("*"));
        Assert.Equal([new MetricNode(path, true)], f.Store.Find("_tagged.*.*.*"));
        Assert.Equal([new MetricNode(tagged, true)], f.Store.Find(tagged));
        Assert.Empty(f.Store.Find("disk.used;dc=y"));
        Assert.Equal([path, "plain.metric"], f.Store.AllLeafPaths());
        Assert.Equal([tagged], f.Store.TaggedSeriesNames);

        Assert.Equal(5.0, f.Store.Fetch(tagged, T0 - 1, T0, f.Time.Now)!.Values[0]);
        Assert.Equal(5.0, f.Store.Fetch(path, T0 - 1, T0, f.Time.Now)!.Values[0]);

        await f.RestartAsync();
        Assert.Equal([tagged], f.Store.TaggedSeriesNames);
        Assert.Equal([new MetricNode(tagged, true)], f.Store.Find(tagged));
        Assert.Equal(5.0, f.Store.Fetch(path, T0 - 1, T0, f.Time.Now)!.Values[0]);
    }

    /// <summary>Ingestion hands the store's series over with each point (TryGetSeries); the writer takes it only
    /// for the name it was given for, so a point with a stale or foreign handle still goes to its own name, and it
    /// fills the slot a point may carry instead.</summary>
    [Fact]
    public async Task A_point_goes_to_its_names_series_whatever_handle_it_carries_and_fills_its_slot()
    {
        await using var f = new StoreFixture(T0 + 60);
        f.Write(("vm.a", T0 - 2, 1), ("vm.b", T0 - 2, 2));
        Assert.True(f.Store.TryGetSeries("vm.a", out var seriesA));
        Assert.True(f.Store.TryGetSeries("vm.b", out var seriesB));
        Assert.NotSame(seriesA, seriesB);
        Assert.False(f.Store.TryGetSeries("vm.c", out _));
        string a = seriesA.Name, b = seriesB.Name;

        var slotB = new SeriesSlot();
        var slotC = new SeriesSlot();
        var batch = new PointBatch(4) { ArrivalTime = f.Time.Now };
        batch.Add(a, T0 - 1, 10, seriesA);
        // b's series with a's name, a copy of b's text with b's series, a new name with a's series and with a slot,
        // b with a foreign object and with a slot.
        batch.Add(a, T0, 11, seriesB);
        batch.Add(new string(b.AsSpan()), T0 - 1, 20, seriesB);
        batch.Add("vm.c", T0 - 1, 30, seriesA);
        batch.Add("vm.c", T0, 31, slotC);
        batch.Add(b, T0, 21, new object());
        batch.Add(b, T0, 22, slotB);
        f.Store.Write(batch);

        Assert.Equal([1.0, 10, 11], f.Store.Fetch("vm.a", T0 - 3, T0, f.Time.Now)!.Values.ToArray());
        Assert.Equal([2.0, 20, 22], f.Store.Fetch("vm.b", T0 - 3, T0, f.Time.Now)!.Values.ToArray());
        Assert.Equal([double.NaN, 30, 31], f.Store.Fetch("vm.c", T0 - 3, T0, f.Time.Now)!.Values.ToArray());
        Assert.True(f.Store.TryGetSeries("vm.c", out var seriesC));
        Assert.NotSame(seriesA, seriesC);
        Assert.Same(seriesC, slotC.Series);
        Assert.Same(seriesB, slotB.Series);
    }

    [Fact]
    public async Task A_name_that_is_both_branch_and_leaf_is_found_as_both()
    {
        await using var f = new StoreFixture(T0 + 60);
        f.Write(("net.kbin", T0, 1), ("net.kbin.eth0", T0, 2), ("net.kbout", T0, 3));
        Assert.Equal(
            [new MetricNode("net.kbin", false), new MetricNode("net.kbin", true), new MetricNode("net.kbout", true)],
            f.Store.Find("net.*"));
        Assert.Equal([new MetricNode("net.kbin.eth0", true)], f.Store.Find("net.kbin.*"));
        Assert.Equal(["net.kbin", "net.kbin.eth0", "net.kbout"], f.Store.AllLeafPaths());
        await f.CrashAndReopenAsync();
        Assert.Equal(3, f.Store.Find("net.{kbin,kbout}").Count);
        Assert.Equal(1.0, f.Store.Fetch("net.kbin", T0 - 1, T0, f.Time.Now)!.Values[0]);
    }

    [Fact]
    public async Task FindLeaves_answers_what_Find_answers_and_finds_a_plain_path_as_soon_as_its_write_returned()
    {
        await using var f = new StoreFixture(T0 + 60);
        const string tagged = "disk.used;dc=x;server=s1";
        f.Write(("net.kbin", T0, 1), ("net.kbin.eth0", T0, 2), ("net.kbout", T0, 3), (tagged, T0, 4));
        string h = Hash(tagged);
        string[] patterns =
        [
            "net.kbin", "net.kbin.eth0", "net", "net.kbin.", ".net.kbin", "net..kbin", "net.kb*", "net.kbi?", "net.kbin.eth[0-9]",
            "net.{kbin,kbout}", "net\\.kbin", "**", "net.nothing", "", tagged, "disk.used;dc=y", $"_tagged.{h[..3]}.{h[3..6]}.{h}",
            $"_tagged.{h[..3]}.*.*",
        ];
        foreach (string pattern in patterns)
            Assert.Equal(f.Store.Find(pattern).Where(n => n.IsLeaf).Select(n => n.Path), f.Store.FindLeaves(pattern));

        // A series registered while names wait for the tree: its exact path is a leaf already.
        f.Write(("net.kbtotal", T0, 5));
        Assert.Equal(["net.kbtotal"], f.Store.FindLeaves("net.kbtotal"));
        Assert.Equal(["net.kbtotal"], f.Store.Find("net.kbtotal").Select(n => n.Path));
    }
}
