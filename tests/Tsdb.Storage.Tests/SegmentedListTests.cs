using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tests;

/// <summary>The store's segmented list: items across several segments (and the first segment's growth) read back in
/// order by index and by enumeration, assignment through the indexer, and truncation.</summary>
public sealed class SegmentedListTests
{
    private const int Items = 3 * SegmentedList<string>.SegmentLength + 5;

    [Fact]
    public void Items_added_across_segments_read_back_by_index_and_in_order()
    {
        var list = new SegmentedList<string>();
        for (int i = 0; i < Items; i++) list.Add("s" + i);

        Assert.Equal(Items, list.Count);
        for (int i = 0; i < Items; i++) Assert.Equal("s" + i, list[i]);
        Assert.Equal("s" + (Items - 1), list[^1]);
        int expected = 0;
        foreach (var item in list) Assert.Equal("s" + expected++, item);
        Assert.Equal(Items, expected);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[Items]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void The_indexer_assigns_and_truncation_keeps_the_first_items()
    {
        var list = new SegmentedList<string>();
        for (int i = 0; i < Items; i++) list.Add("s" + i);

        // The rollup queue's compaction: keep every third item at the front, then cut the rest.
        int kept = 0;
        for (int i = 0; i < list.Count; i++)
            if (i % 3 == 0) list[kept++] = list[i];
        list.Truncate(kept);

        Assert.Equal((Items + 2) / 3, list.Count);
        for (int i = 0; i < list.Count; i++) Assert.Equal("s" + 3 * i, list[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[kept]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Truncate(kept + 1));

        list.Add("after");
        Assert.Equal("after", list[kept]);
        list.Truncate(0);
        Assert.Equal(0, list.Count);
        Assert.False(list.GetEnumerator().MoveNext());
    }
}
