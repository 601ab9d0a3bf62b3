using TsdbServer.Hosting;

namespace TsdbServer.Tests.Hosting;

/// <summary>
/// When the server compacts its heap to give memory back: once per quiet period after the idle chunks were
/// evicted, and while busy only for a heap mostly unused, spaced out; never for a small heap.
/// </summary>
public sealed class MemoryTrimPolicyTests
{
    private const long MiB = 1L << 20;
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1795986000);
    private static readonly TimeSpan Check = TimeSpan.FromSeconds(30);

    private static GcMemoryFigures Heap(long committedMiB, long liveMiB) => new(committedMiB * MiB, liveMiB * MiB, 0, liveMiB * MiB);

    [Fact]
    public void A_quiet_store_is_trimmed_once_after_the_quiet_delay()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.FromSeconds(150));
        var answers = Enumerable.Range(0, 12)
            .Select(i => policy.ShouldTrim(Heap(1800, 900), pointsWritten: 10, series: 1_000_000, T0 + i * Check))
            .ToArray();
        // Quiet from the first check: 150 s later (the sixth check) once, then not again.
        Assert.Equal([false, false, false, false, false, true, false, false, false, false, false, false], answers);
    }

    [Fact]
    public void Points_flowing_again_start_a_new_quiet_period()
    {
        var policy = new MemoryTrimPolicy(TimeSpan.FromSeconds(60));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0));
        Assert.True(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(60)));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 5000, 1000, T0 + TimeSpan.FromSeconds(90)));
        Assert.False(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(120)));
        Assert.True(policy.ShouldTrim(Heap(1800, 900), 0, 1000, T0 + TimeSpan.FromSeconds(180)));
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
