using Tsdb.Core.Naming;

namespace Tsdb.Query.Tests.Naming;

/// <summary>The name tree's segment table: equal segments get one instance, a colliding segment takes the slot
/// and is still handed out with the right text, and the tree's find answers are unchanged by the sharing.</summary>
public sealed class SegmentStringCacheTests
{
    [Fact]
    public void Equal_segments_share_one_instance()
    {
        var cache = new SegmentStringCache();
        var first = cache.Get("writekbs.sda".AsSpan(0, 8));
        var second = cache.Get("diskinfo.writekbs".AsSpan(9));
        Assert.Equal("writekbs", first);
        Assert.Same(first, second);
    }

    [Fact]
    public void More_distinct_segments_than_slots_are_each_handed_out_with_their_own_text()
    {
        var cache = new SegmentStringCache();
        int n = 3 * SegmentStringCache.Slots;
        for (int i = 0; i < n; i++) Assert.Equal($"s{i}", cache.Get($"s{i}"));
        // After the churn a repeated segment is shared again from its second use on.
        var again = cache.Get("vda");
        Assert.Same(again, cache.Get("vda"));
    }

    [Fact]
    public void A_tree_shares_repeated_segments_across_hosts_and_finds_the_same_names()
    {
        var tree = new MetricNameTree();
        for (int host = 0; host < 200; host++)
            foreach (var disk in new[] { "vda", "vdb" })
                Assert.True(tree.Add($"node{host:D4}.diskinfo.writekbs.{disk}"));
        Assert.Equal(400, tree.LeafCount);
        Assert.Equal(["node0007.diskinfo.writekbs.vda", "node0007.diskinfo.writekbs.vdb"],
            tree.Find("node0007.diskinfo.writekbs.*").Select(n => n.Path));
        Assert.Equal(200, tree.Find("*.diskinfo.writekbs.vdb").Count);
    }
}
