namespace Tsdb.Storage.Tests;

/// <summary>
/// Rollups into coarser archives are deferred (StorageOptions.RollupInterval) and batched per bucket; these
/// tests hold the interval at an hour so nothing is rolled up on the timer, and check that every way of
/// reading or persisting the coarse archives still sees whisper's values.
/// </summary>
public sealed class DeferredRollupTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d,5m:7d\n";

    private static StoreFixture NewFixture() =>
        new(T0 + 600, Schemas, configure: o => o.RollupInterval = TimeSpan.FromHours(1));

    /// <summary>Three minutes of 1 s points for two series, written one point per series per batch as a live
    /// feed arrives, so each minute bucket is touched sixty times before any timed rollup.</summary>
    private static void WriteLiveFeed(StoreFixture f)
    {
        for (long t = T0 + 300; t < T0 + 480; t++)
            f.Write(("a", t, t - T0), ("b", t, 2 * (t - T0)));
    }

    private static void AssertCoarseArchives(StoreFixture f)
    {
        // from 601 s back selects the 1 min archive: slot T0+300 averages 300..359, and so on.
        var minute = f.Fetch("a", T0 - 1, T0 + 599, out long start, out long step);
        Assert.Equal(60, step);
        Assert.Equal(T0, start);
        Assert.Equal(329.5, minute[300 / 60]);
        Assert.Equal(389.5, minute[360 / 60]);
        Assert.Equal(449.5, minute[420 / 60]);
        Assert.True(double.IsNaN(minute[480 / 60]));
        // from more than a day back selects the 5 min archive: its T0+300 bucket averages the three minutes.
        var five = f.Fetch("b", T0 - 86401, T0 + 599, out _, out step);
        Assert.Equal(300, step);
        Assert.Equal(2 * 389.5, five[^1]);
    }

    [Fact]
    public async Task A_read_of_a_coarser_archive_rolls_up_its_series_first()
    {
        await using var f = NewFixture();
        WriteLiveFeed(f);
        AssertCoarseArchives(f);
        // a later point in a bucket already rolled up by the read is rolled up again at the next read.
        f.Write(("a", T0 + 420, 10_000));
        var minute = f.Fetch("a", T0 - 1, T0 + 599, out _, out _);
        Assert.Equal((10_000 + Enumerable.Range(421, 59).Sum()) / 60.0, minute[420 / 60]);
    }

    [Fact]
    public async Task Pending_rollups_are_stored_by_a_clean_restart()
    {
        await using var f = NewFixture();
        WriteLiveFeed(f);
        await f.RestartAsync();
        AssertCoarseArchives(f);
    }

    [Fact]
    public async Task Pending_rollups_are_rebuilt_from_the_wal_after_a_crash()
    {
        await using var f = NewFixture();
        WriteLiveFeed(f);
        await f.CrashAndReopenAsync();
        AssertCoarseArchives(f);
    }

    [Fact]
    public async Task A_checkpoint_stores_pending_rollups()
    {
        await using var f = NewFixture();
        WriteLiveFeed(f);
        await f.Store.CheckpointAsync();
        // the checkpoint sealed and stored every chunk: a crash right after it replays nothing.
        await f.CrashAndReopenAsync();
        AssertCoarseArchives(f);
    }
}
