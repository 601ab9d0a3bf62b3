using TsdbServer.Hosting;

namespace TsdbServer.Tests.Hosting;

/// <summary>
/// When the server compacts its heap to give memory back: as soon as a load is over, again once per wave of
/// evictions worth a pause, while busy only for a heap mostly unused and spaced out, and not while series are
/// created; never for a small heap.
/// </summary>
public sealed class MemoryTrimPolicyTests
{
    private const long MiB = 1L << 20;
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795986000);
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(10);

    private static GcMemoryFigures Heap(long committedMiB, long liveMiB) => new(committedMiB * MiB, liveMiB * MiB, 0, liveMiB * MiB);

    [Fact]
    public void The_end_of_a_burst_is_trimmed_at_once_and_again_after_the_eviction_wave()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        MemoryTrim Quiet(int check, long committedMiB, long liveMiB, long evictedMiB = 0) =>
            policy.Decide(Heap(committedMiB, liveMiB), 10_000, 1_000_000, T0 + check * Check, evictedMiB * MiB);
        // A million series created in a burst: busy, and the heap not mostly unused.
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1300, 950), 3_000_000, 1_000_000, T0));
        // The first check without new series and with fewer points than series trims.
        Assert.Equal(MemoryTrim.Compacting, Quiet(1, 1300, 950));
        policy.Trimmed();
        // The sweep's deferred rollups allocate 170 MiB: the GC's figures show it unused, but it is not a reason.
        Assert.Equal(MemoryTrim.None, Quiet(2, 1120, 950));
        // The sweeps evict chunks for a while: 100 MiB is not worth a pause (a quarter of 950 would be); 300 MiB
        // is, but not while the wave goes on.
        Assert.Equal(MemoryTrim.None, Quiet(3, 1120, 950, evictedMiB: 100));
        Assert.Equal(MemoryTrim.None, Quiet(4, 1120, 950, evictedMiB: 200));
        Assert.Equal(MemoryTrim.Compacting, Quiet(5, 1120, 950));
        policy.Trimmed();
        // Nothing more comes free: no more pauses.
        Assert.Equal(MemoryTrim.None, Quiet(6, 700, 650, evictedMiB: 10));
        Assert.Equal(MemoryTrim.None, Quiet(7, 900, 650));
    }

    [Fact]
    public void After_a_restart_memory_allocated_since_the_last_collection_is_no_reason_to_trim()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        // The replay created the series and collected; the deferred rollups then allocated 70 MiB, all live.
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(637, 637), 3_000_000, 1_000_000, T0));
        Assert.Equal(MemoryTrim.None, policy.Decide(new GcMemoryFigures(637 * MiB, 637 * MiB, 0, 707 * MiB), 0, 1_000_000, T0 + Check));
        // The sweeps then evict the idle chunks: that is worth one trim once they are done.
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(700, 667), 0, 1_000_000, T0 + 2 * Check, chunkBytesEvicted: 300 * MiB));
        Assert.Equal(MemoryTrim.Compacting, policy.Decide(Heap(700, 667), 0, 1_000_000, T0 + 3 * Check));
    }

    [Fact]
    public void A_quiet_delay_defers_the_first_trim()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.FromSeconds(150));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1800, 900), 3_000_000, 1_000_000, T0 - Check));
        var decisions = Enumerable.Range(0, 16).Select(i => policy.Decide(Heap(1800, 900), 10, 1_000_000, T0 + i * Check));
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i == 15 ? MemoryTrim.Compacting : MemoryTrim.None), decisions);
    }

    [Fact]
    public void Points_flowing_again_start_a_new_quiet_period()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.FromSeconds(60));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1800, 900), 5000, 1000, T0 - TimeSpan.FromSeconds(30)));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1800, 900), 0, 1000, T0));
        Assert.Equal(MemoryTrim.Compacting, policy.Decide(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(60)));
        policy.Trimmed();
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1700, 900), 0, 1000, T0 + TimeSpan.FromSeconds(75)));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1800, 900), 5000, 1000, T0 + TimeSpan.FromSeconds(90)));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(120)));
        Assert.Equal(MemoryTrim.Compacting, policy.Decide(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(180)));
    }

    [Fact]
    public void Series_being_created_are_a_load_even_with_fewer_points_than_series()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        // A million names arriving: 300,000 points per check for 400,000 and then 700,000 series.
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1100, 600), 300_000, 400_000, T0));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1100, 600), 300_000, 700_000, T0 + Check));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1100, 600), 300_000, 1_000_000, T0 + 2 * Check));
        // The load is over: no new series, few points.
        Assert.Equal(MemoryTrim.Compacting, policy.Decide(Heap(1300, 900), 0, 1_000_000, T0 + 3 * Check));
    }

    [Fact]
    public void A_small_heap_is_never_trimmed()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(100, 40), 0, 10_000, T0));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(100, 40), 0, 10_000, T0 + Check));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(100, 40), 1_000_000, 10_000, T0 + 2 * Check));
    }

    [Fact]
    public void While_busy_only_a_mostly_unused_heap_is_collected_in_the_background_and_at_most_every_ten_minutes()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        const long busy = 2_000_000;
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(1500, 900), busy, 1_000_000, T0));
        Assert.Equal(MemoryTrim.Background, policy.Decide(Heap(2000, 900), busy, 1_000_000, T0));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(2000, 900), busy, 1_000_000, T0 + TimeSpan.FromMinutes(9)));
        Assert.Equal(MemoryTrim.Background, policy.Decide(Heap(2000, 900), busy, 1_000_000, T0 + MemoryTrimPolicy.BusySpacing));
    }

    [Fact]
    public void No_background_collection_while_series_are_created_however_unused_the_heap_looks()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.Zero);
        const long busy = 2_000_000;
        // A fleet's first seconds: the last full GC saw a small heap, everything allocated since looks unused.
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(2000, 300), busy, 400_000, T0));
        Assert.Equal(MemoryTrim.None, policy.Decide(Heap(2000, 300), busy, 520_000, T0 + Check));
        // Its series exist; points flow for them.
        Assert.Equal(MemoryTrim.Background, policy.Decide(Heap(2000, 300), busy, 520_000, T0 + 2 * Check));
    }

    [Fact]
    public void Memory_allocated_since_the_last_collection_counts_as_unused()
    {
        // The last GC saw 300 MiB committed and live; 500 MiB are allocated now (a sweep encoded chunks after it).
        var figures = new GcMemoryFigures(300 * MiB, 300 * MiB, 0, 500 * MiB);
        Assert.Equal(200 * MiB, figures.Unused);
    }
}
