using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Tests;

/// <summary>The buckets a series records for its next rollup: the single one of a live feed is held in the
/// series itself, several go to a list, and the rollup reads them sorted and clears them.</summary>
public class PendingRollupsTests
{
    // 1s:1d,1m:30d,5m:1y
    private static SeriesState NewSeries() => new(0, "a.b", SeriesSchema.For(
        [new ArchiveSpec(1, 86400), new ArchiveSpec(60, 43200), new ArchiveSpec(300, 105120)], AggregationMethod.Average, 0));

    private static (int, long)[] Sorted(SeriesState series)
    {
        Span<(int, long)> inline = stackalloc (int, long)[2];
        return series.SortedPendingRollups(inline).ToArray();
    }

    [Fact]
    public void A_new_series_has_none()
    {
        var series = NewSeries();
        Assert.False(series.HasPendingRollups);
        Assert.Empty(Sorted(series));
    }

    [Fact]
    public void A_repeated_bucket_is_recorded_once()
    {
        var series = NewSeries();
        Assert.True(series.AddPendingRollup(0, 120));
        Assert.False(series.AddPendingRollup(0, 120));
        Assert.True(series.HasPendingRollups);
        Assert.Equal([(0, 120L)], Sorted(series));
    }

    [Fact]
    public void Several_buckets_read_back_sorted_by_archive_then_time()
    {
        var series = NewSeries();
        series.AddPendingRollup(0, 180);
        series.AddPendingRollup(1, 300);
        series.AddPendingRollup(0, 120);
        series.AddPendingRollup(0, 120);
        Assert.Equal([(0, 120L), (0, 180L), (1, 300L)], Sorted(series));
    }

    [Fact]
    public void Only_a_consecutive_repeat_is_skipped()
    {
        var series = NewSeries();
        series.AddPendingRollup(0, 120);
        series.AddPendingRollup(0, 180);
        series.AddPendingRollup(0, 120);
        Assert.Equal([(0, 120L), (0, 120L), (0, 180L)], Sorted(series));
    }

    [Fact]
    public void Clearing_forgets_every_bucket_and_the_last_one_is_recorded_again()
    {
        var series = NewSeries();
        series.AddPendingRollup(0, 120);
        series.AddPendingRollup(0, 180);
        series.ClearPendingRollups();
        Assert.False(series.HasPendingRollups);
        Assert.Empty(Sorted(series));

        Assert.True(series.AddPendingRollup(0, 180));
        Assert.Equal([(0, 180L)], Sorted(series));
    }

    /// <summary>A live feed moving on to its next bucket holds the passed one beside it without a list; the passed one
    /// is cleared alone, and any other second bucket starts a list of them all.</summary>
    [Fact]
    public void A_live_feed_moving_on_holds_the_passed_bucket_without_a_list()
    {
        var series = NewSeries();
        series.AddPendingRollup(0, 120);
        series.AddPendingRollup(0, 180);
        Assert.False(series.PendingInList);
        Assert.False(series.TryGetSinglePendingRollup(out _, out _));
        Assert.True(series.TryGetPassedPendingRollup(out int archive, out long passed, out long current));
        Assert.Equal((0, 120L, 180L), (archive, passed, current));
        Assert.Equal([(0, 120L), (0, 180L)], Sorted(series));
        Assert.Equal(2, series.PendingRollupCount);

        series.ClearPassedPendingRollup();
        Assert.True(series.TryGetSinglePendingRollup(out _, out long single));
        Assert.Equal(180, single);

        series.AddPendingRollup(0, 240);
        series.AddPendingRollup(1, 0);
        Assert.True(series.PendingInList);
        Assert.False(series.TryGetPassedPendingRollup(out _, out _, out _));
        Assert.Equal([(0, 180L), (0, 240L), (1, 0L)], Sorted(series));
        Assert.Equal(3, series.PendingRollupCount);
    }
}
