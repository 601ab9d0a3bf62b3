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

    /// <summary>A live feed's first point of a new minute rolls the minute it leaves up at once: the writer holds one
    /// pending bucket per series, not two (two took a list per series, at every minute for a whole fleet). Later
    /// points of either minute are still rolled up as written.</summary>
    [Fact]
    public async Task Moving_on_to_the_next_minute_rolls_the_passed_one_up_at_once()
    {
        await using var f = new StoreFixture(T0, Schemas, configure: options =>
        {
            options.RollupInterval = TimeSpan.FromHours(1);
            options.SealInterval = TimeSpan.FromHours(1);
        });
        // The first write runs the timed rollup (then not again for an hour, nor a sweep); warm's minute has passed by then.
        f.Write(("warm", T0 - 1, 0));
        WriteMinute(f, 60);
        f.Time.Now = T0 + 61;
        f.Write(("cpu", T0 + 60, 1000));
        Assert.Equal(1, f.Store.PendingRollupCount);
        Assert.Equal(29.5, MinuteOfT0(f));
        // A late point for the minute left behind is recorded beside the current one and rolled up on read.
        f.Write(("cpu", T0 + 59, 590));
        Assert.Equal((1770.0 - 59 + 590) / 60, MinuteOfT0(f));
        var next = f.Fetch("cpu", T0 - 601, T0 + 120, out long start, out _);
        Assert.Equal(1000.0, next[(T0 + 60 - start) / 60]);
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
