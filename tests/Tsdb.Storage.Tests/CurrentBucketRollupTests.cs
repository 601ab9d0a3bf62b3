namespace Tsdb.Storage.Tests;

/// <summary>
/// The writer's timed rollup leaves a live feed's current coarser bucket for later (it rolls it up once the bucket
/// has passed, or when a read or a store of chunks needs it), instead of recomputing that minute every second.
/// Here the timed rollup runs after every write (a one-tick interval), so each test goes through it.
/// </summary>
public sealed class CurrentBucketRollupTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d\n";

    private static StoreFixture Fixture(long now) =>
        new(now, Schemas, configure: options => options.RollupInterval = TimeSpan.FromTicks(1));

    /// <summary>Minute T0 of the 1 min archive (from older than the 1 s archive's 10 minutes reads it).</summary>
    private static double MinuteOfT0(StoreFixture f)
    {
        var values = f.Fetch("cpu", T0 - 601, T0 + 60, out long start, out long step);
        Assert.Equal(60, step);
        return values[(T0 - start) / step];
    }

    private static void WriteMinute(StoreFixture f, int seconds)
    {
        for (int s = 0; s < seconds; s++)
        {
            f.Time.Now = T0 + s + 1;
            f.Write(("cpu", T0 + s, s));
        }
    }

    [Fact]
    public async Task A_read_of_the_coarser_archive_sees_the_current_minute_as_written_so_far()
    {
        await using var f = Fixture(T0);
        WriteMinute(f, 30);
        Assert.Equal(14.5, MinuteOfT0(f));
        f.Write(("cpu", T0 + 30, 300));
        Assert.Equal((435.0 + 300) / 31, MinuteOfT0(f));
    }

    [Fact]
    public async Task A_minute_that_has_passed_is_rolled_up_without_a_read_and_survives_a_crash()
    {
        await using var f = Fixture(T0);
        WriteMinute(f, 60);
        // cpu goes quiet; another series' write two minutes later runs the timed rollup, which finds cpu's minute
        // passed. A crash then reopens without a checkpoint: the rollup must come back from the WAL's points.
        f.Time.Now = T0 + 180;
        f.Write(("other", T0 + 179, 1));
        await f.CrashAndReopenAsync();
        Assert.Equal(29.5, MinuteOfT0(f));
    }

    [Fact]
    public async Task A_checkpoint_stores_the_current_minute_rolled_up()
    {
        await using var f = Fixture(T0);
        WriteMinute(f, 40);
        await f.Store.CheckpointAsync();
        // Nothing of the minute is replayed after the checkpoint: its rollup is the one the checkpoint stored.
        await f.CrashAndReopenAsync();
        Assert.Equal(19.5, MinuteOfT0(f));
    }

    /// <summary>A fleet moves on to its next minute in one second: each series keeps the minute it left beside the
    /// current one (no list), and the timed pass rolls it up alone within the next 20 seconds, at a second set by
    /// the series id (0 at once, 7 seven seconds later), so that the whole fleet's minutes are not rolled up in one
    /// second. Reads in between see the minute rolled up.</summary>
    [Fact]
    public async Task A_passed_minute_is_rolled_up_alone_in_the_series_turn()
    {
        await using var f = new StoreFixture(T0, Schemas, configure: options =>
        {
            options.RollupInterval = TimeSpan.FromTicks(1);
            options.SealInterval = TimeSpan.FromHours(1);
        });
        string[] names = Enumerable.Range(0, 8).Select(i => "s" + i).ToArray();
        void WriteAll(long t)
        {
            f.Time.Now = t + 1;
            f.Write(names.Select(n => (n, t, (double)(t - T0))).ToArray());
        }
        for (long t = T0; t < T0 + 61; t++) WriteAll(t);
        Assert.Equal((1, false), f.Store.PendingRollupsOf("s0"));
        Assert.Equal((2, false), f.Store.PendingRollupsOf("s7"));
        for (long t = T0 + 61; t < T0 + 67; t++) WriteAll(t);
        Assert.Equal((1, false), f.Store.PendingRollupsOf("s7"));
        var values = f.Fetch("s7", T0 - 601, T0 + 60, out long start, out long step);
        Assert.Equal(60, step);
        Assert.Equal(29.5, values[(T0 - start) / step]);
    }

    /// <summary>With a coarser archive finer than the spread (10 s buckets, 20 s spread), every series' turn still
    /// comes before its feed passes the next bucket: no series ever holds its buckets in a list (with the turn up to
    /// 19 s, the ten series of turns 10-19 started a list at every other bucket: 20 lists in this minute).</summary>
    [Fact]
    public async Task A_turn_comes_within_the_step_of_a_coarser_archive_finer_than_the_spread()
    {
        await using var f = new StoreFixture(T0, "[x]\npattern = .\nretentions = 1s:10m,10s:1d\n", configure: options =>
        {
            options.RollupInterval = TimeSpan.FromTicks(1);
            options.SealInterval = TimeSpan.FromHours(1);
        });
        string[] names = Enumerable.Range(0, 20).Select(i => "s" + i).ToArray();
        for (long t = T0; t < T0 + 60; t++)
        {
            // Each second's points arrive in that second, so the pass after them has not yet seen their bucket pass.
            f.Time.Now = t;
            f.Write(names.Select(n => (n, t, (double)(t - T0))).ToArray());
        }
        Assert.Equal(0, f.Store.PendingListsStarted);
        var values = f.Fetch("s19", T0 - 601, T0 + 60, out long start, out long step);
        Assert.Equal(10, step);
        Assert.Equal(4.5, values[(T0 - start) / step]);
    }

    /// <summary>Points of past minutes (a backfill, a flood of old timestamps) keep the minutes they pass listed
    /// until the timed pass, which rolls them up together; their values are the same.</summary>
    [Fact]
    public async Task Past_minutes_passed_by_a_backfill_are_rolled_up_together()
    {
        await using var f = new StoreFixture(T0 + 600, Schemas, configure: options =>
        {
            options.RollupInterval = TimeSpan.FromHours(1);
            options.SealInterval = TimeSpan.FromHours(1);
        });
        // The first write runs the timed rollup, which rolls warm's passed minute up; cpu then passes minute T0.
        f.Write(("warm", T0 + 599, 0));
        for (int s = 0; s < 61; s++) f.Write(("cpu", T0 + s, s));
        Assert.Equal(2, f.Store.PendingRollupCount);
        Assert.Equal(29.5, MinuteOfT0(f));
    }
}
