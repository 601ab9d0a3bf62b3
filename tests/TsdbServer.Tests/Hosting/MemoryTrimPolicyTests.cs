using TsdbServer.Hosting;

namespace TsdbServer.Tests.Hosting;

/// <summary>
/// When the server compacts its heap to give memory back: in a quiet period after the idle chunks were evicted
/// (again only when unused memory grew), and while busy only for a heap mostly unused, spaced out; never for a
/// small heap.
/// </summary>
public sealed class MemoryTrimPolicyTests
{
    private const long MiB = 1L << 20;
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795986000);
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(30);

    private static GcMemoryFigures Heap(long committedMiB, long liveMiB) => new(committedMiB * MiB, liveMiB * MiB, 0, liveMiB * MiB);

    [Fact]
    public void A_quiet_store_is_trimmed_after_the_quiet_delay_and_again_only_when_unused_memory_grew()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.FromSeconds(150));
        bool Decide(int check, long committedMiB, long liveMiB) =>
            policy.ShouldTrim(Heap(committedMiB, liveMiB), pointsWritten: 10, series: 1_000_000, T0 + check * Check);
        // The load created the series; quiet from the next check: 150 s later (the sixth check) it trims.
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 3_000_000, 1_000_000, T0 - Check));
        Assert.Equal([false, false, false, false, false, true], Enumerable.Range(0, 6).Select(i => Decide(i, 1800, 900)));
        // The compaction could not give 100 MiB back: that alone never triggers another pause.
        policy.Trimmed(Heap(1000, 900));
        Assert.False(Decide(6, 1000, 900));
        Assert.False(Decide(7, 1050, 900));
        // 200 MiB more unused is less than a quarter of the live heap: not worth another pause.
        Assert.False(Decide(8, 1200, 900));
        // A sweep evicting chunks freed 300 MiB more afterwards: one more trim.
        Assert.True(Decide(9, 1300, 900));
        policy.Trimmed(Heap(910, 900));
        Assert.False(Decide(10, 950, 900));
    }

    [Fact]
    public void Without_a_quiet_delay_the_end_of_a_burst_is_trimmed_at_once_and_again_after_the_eviction()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        // A million series created in a burst: busy, and the heap not mostly unused.
        Assert.False(policy.ShouldTrim(Heap(1300, 950), 3_000_000, 1_000_000, T0));
        // The first check without points trims.
        Assert.True(policy.ShouldTrim(Heap(1300, 950), 0, 1_000_000, T0 + Check));
        policy.Trimmed(Heap(960, 950));
        Assert.False(policy.ShouldTrim(Heap(980, 950), 0, 1_000_000, T0 + 2 * Check));
        // The sweeps evict the open chunks: garbage the GC's figures do not show before a full collection, so
        // the evicted bytes the store reports count. 100 MiB is not worth a pause yet (a quarter of 950 is).
        Assert.False(policy.ShouldTrim(Heap(980, 950), 0, 1_000_000, T0 + 3 * Check, chunkBytesEvicted: 100 * MiB));
        Assert.True(policy.ShouldTrim(Heap(980, 950), 0, 1_000_000, T0 + 4 * Check, chunkBytesEvicted: 200 * MiB));
        policy.Trimmed(Heap(660, 650));
        Assert.False(policy.ShouldTrim(Heap(670, 650), 0, 1_000_000, T0 + 5 * Check, chunkBytesEvicted: 10 * MiB));
    }

    [Fact]
    public void Points_flowing_again_start_a_new_quiet_period()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.FromSeconds(60));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 5000, 1000, T0 - TimeSpan.FromSeconds(30)));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0));
        Assert.True(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(60)));
        policy.Trimmed(Heap(1700, 900));
        Assert.False(policy.ShouldTrim(Heap(1700, 900), 0, 1000, T0 + TimeSpan.FromSeconds(75)));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 5000, 1000, T0 + TimeSpan.FromSeconds(90)));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(120)));
        Assert.True(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(180)));
    }

    [Fact]
    public void Series_being_created_are_a_load_even_with_fewer_points_than_series()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        // A million names arriving: 300,000 points per check for 400,000 and then 700,000 series.
        Assert.False(policy.ShouldTrim(Heap(1100, 600), 300_000, 400_000, T0));
        Assert.False(policy.ShouldTrim(Heap(1100, 600), 300_000, 700_000, T0 + Check));
        Assert.False(policy.ShouldTrim(Heap(1100, 600), 300_000, 1_000_000, T0 + 2 * Check));
        // The load is over: no new series, few points.
        Assert.True(policy.ShouldTrim(Heap(1300, 900), 0, 1_000_000, T0 + 3 * Check));
    }

    [Fact]
    public void A_small_heap_is_never_trimmed()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        Assert.False(policy.ShouldTrim(Heap(100, 40), 0, 10_000, T0));
        Assert.False(policy.ShouldTrim(Heap(100, 40), 1_000_000, 10_000, T0));
    }

    [Fact]
    public void While_busy_only_a_mostly_unused_heap_is_trimmed_and_at_most_every_ten_minutes()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        const long busy = 2_000_000;
        Assert.False(policy.ShouldTrim(Heap(1500, 900), busy, 1_000_000, T0));
        Assert.True(policy.ShouldTrim(Heap(2000, 900), busy, 1_000_000, T0));
        Assert.False(policy.ShouldTrim(Heap(2000, 900), busy, 1_000_000, T0 + TimeSpan.FromMinutes(9)));
        Assert.True(policy.ShouldTrim(Heap(2000, 900), busy, 1_000_000, T0 + MemoryTrimPolicy.BusySpacing));
    }

    [Fact]
    public void Memory_allocated_since_the_last_collection_counts_as_unused()
    {
        // The last GC saw 300 MiB committed and live; 500 MiB are allocated now (a sweep encoded chunks after it).
        var figures = new GcMemoryFigures(300 * MiB, 300 * MiB, 0, 500 * MiB);
        Assert.Equal(200 * MiB, figures.Unused);
    }
}
