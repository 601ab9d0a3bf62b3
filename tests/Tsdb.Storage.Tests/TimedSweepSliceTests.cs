namespace Tsdb.Storage.Tests;

/// <summary>
/// The timed sweep in slices (TsdbStore.Sweep.cs): with a slice of 64 series, 200 series take several writes to
/// sweep, and the outcome is the whole sweep's (idle series evicted after two sweeps, their data read back, the
/// written series kept); a checkpoint's full pass completes a sweep in progress; an idle store is swept in one
/// timer call. Slice 0 (64 series a slice) makes the slicing independent of this machine's speed.
/// </summary>
public sealed class TimedSweepSliceTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d,5m:7d\n";
    private const int Series = 200;

    private static StoreFixture Fixture() => new(T0, Schemas, configure: o =>
    {
        o.SealInterval = TimeSpan.FromSeconds(60);
        o.SweepSliceTime = TimeSpan.Zero;
        // A timed rollup after each write, and passed minutes rolled up at once by it, so that every series holds
        // its coarser chunks after its writes.
        o.RollupInterval = TimeSpan.FromTicks(1);
        o.RollupSpread = TimeSpan.Zero;
    });

    private static void WriteIdleSeries(StoreFixture f)
    {
        for (long t = T0 - 30; t < T0; t++)
            f.Write(Enumerable.Range(0, Series).Select(i => ($"idle.s{i}", t, (double)(i + t - T0))).ToArray());
    }

    /// <summary>idle.s{i} reads back the 30 values <see cref="WriteIdleSeries"/> wrote.</summary>
    private static void AssertIdleSeriesReadBack(StoreFixture f, int i) =>
        Assert.Equal(Enumerable.Range(-30, 30).Select(v => (double)(i + v)), f.Fetch($"idle.s{i}", T0 - 31, T0 - 1, out _, out _));

    /// <summary>Writes "busy" at <paramref name="at"/> (the clock stays there) until a sweep has started and
    /// finished; the number of writes the sweep took (the first of them started it). The writer skips a slice
    /// until as long as the previous one took has passed, so some writes may do nothing.</summary>
    private static int WriteUntilSwept(StoreFixture f, long at)
    {
        f.Time.Now = at;
        for (int sweeping = 0, writes = 0; ; writes++)
        {
            f.Write(("busy", at, writes));
            if (f.Store.TimedSweepInProgress) sweeping++;
            else if (sweeping > 0) return sweeping + 1;
            else Assert.Equal(0, writes); // due at the first write
            Assert.True(writes < 1_000_000, "the sweep never finished");
        }
    }

    [Fact]
    public async Task A_sweep_in_slices_ends_as_a_whole_sweep_would()
    {
        await using var f = Fixture();
        WriteIdleSeries(f);
        Assert.Equal(3 * Series, f.Store.OpenChunkCount);
        Assert.True(WriteUntilSwept(f, T0 + 61) > 1);
        Assert.True(WriteUntilSwept(f, T0 + 122) > 1);
        // Only "busy" (written throughout) keeps chunks: one or two per archive, as its writes since the first
        // sweep span one or two windows; all 600 of the idle series are gone.
        Assert.InRange(f.Store.OpenChunkCount, 3, 6);
        foreach (int i in new[] { 0, 63, 64, 199 }) AssertIdleSeriesReadBack(f, i);
        await f.RestartAsync();
        AssertIdleSeriesReadBack(f, 199);
    }

    [Fact]
    public async Task A_checkpoint_completes_a_sweep_in_progress()
    {
        await using var f = Fixture();
        WriteIdleSeries(f);
        f.Time.Now = T0 + 61;
        f.Write(("busy", f.Time.Now, 1));
        Assert.True(f.Store.TimedSweepInProgress);
        await f.Store.CheckpointAsync();
        Assert.False(f.Store.TimedSweepInProgress);
        // The next sweep is due a sweep interval after the checkpoint's pass, not before.
        f.Time.Now = T0 + 62;
        f.Write(("busy", f.Time.Now, 1));
        Assert.False(f.Store.TimedSweepInProgress);
        await f.CrashAndReopenAsync();
        AssertIdleSeriesReadBack(f, 150);
    }

    /// <summary>The sweep first counts the keys it may store and grows the index for them, in slices too: one
    /// doubling per slice (a million series' doublings at once took 170 ms), then it stores.</summary>
    [Fact]
    public async Task The_index_grows_a_doubling_per_slice_as_the_sweep_starts()
    {
        await using var f = Fixture();
        WriteIdleSeries(f);
        const int More = 1800;
        f.Write(Enumerable.Range(0, More).Select(i => ($"more.s{i}", T0 - 1, (double)i)).ToArray());
        long initial = f.Store.ChunkIndexBytes;
        var sizes = new List<long> { initial };
        f.Time.Now = T0 + 61;
        for (int writes = 0; writes == 0 || f.Store.TimedSweepInProgress; writes++)
        {
            Assert.True(writes < 1_000_000, "the sweep never finished");
            f.Write(("busy", f.Time.Now, writes));
            long size = f.Store.ChunkIndexBytes;
            if (size == sizes[^1]) continue;
            Assert.Equal(2 * sizes[^1], size);
            sizes.Add(size);
        }
        // A catalog record and three chunks per series, at most 8 keys per 64-byte bucket: from 64 buckets to 1,024.
        Assert.True(sizes.Count >= 4, $"grew {sizes.Count - 1} times");
        Assert.True(f.Store.ChunkIndexBytes / 64 * 8 >= 4 * (Series + More) + 1);
        AssertIdleSeriesReadBack(f, 199);
        Assert.Equal(7.0, f.Fetch("more.s7", T0 - 2, T0 - 1, out _, out _)[0]);
    }

    [Fact]
    public async Task An_idle_store_is_swept_in_one_timer_call()
    {
        await using var f = Fixture();
        WriteIdleSeries(f);
        f.Time.Now = T0 + 61;
        await f.Store.SweepIfIdleAsync();
        Assert.False(f.Store.TimedSweepInProgress);
        f.Time.Now = T0 + 122;
        await f.Store.SweepIfIdleAsync();
        Assert.False(f.Store.TimedSweepInProgress);
        Assert.Equal(0, f.Store.OpenChunkCount);
        AssertIdleSeriesReadBack(f, 64);
    }
}
