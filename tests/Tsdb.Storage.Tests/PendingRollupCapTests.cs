namespace Tsdb.Storage.Tests;

/// <summary>
/// The writer bounds the pending rollups held in lists (a backfill's many buckets) by rolling every series up at
/// once; the one or two buckets a live feed keeps in its series' state do not count toward that bound, so a
/// minute boundary of many live series (each then holding its passed and its current minute) does not trigger it.
/// The bound is lowered here to a few entries; in the server it is 2^20.
/// </summary>
public sealed class PendingRollupCapTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d\n";
    private const int Cap = 8;

    private static StoreFixture Fixture(long now) =>
        new(now, Schemas, configure: options =>
        {
            options.RollupInterval = TimeSpan.FromHours(1);
            options.SealInterval = TimeSpan.FromHours(1);
            options.MaxListedPendingRollups = Cap;
        });

    private static string[] Names(int count) => Enumerable.Range(0, count).Select(i => "live" + i).ToArray();

    [Fact]
    public async Task Live_series_passing_a_minute_keep_their_buckets_however_many_they_are()
    {
        await using var f = Fixture(T0 + 59);
        var names = Names(5 * Cap);
        // The first write also runs the timed pass (nothing pending yet); then each series holds minute T0.
        f.Write(names.Select(n => (n, T0 + 59, 1.0)).ToArray());
        f.Time.Now = T0 + 60;
        f.Write(names.Select(n => (n, T0 + 60, 2.0)).ToArray());

        // Passed minute T0 and current minute T0 + 60 for each: ten times the cap, none listed, none rolled up yet.
        Assert.Equal(2 * names.Length, f.Store.PendingRollupCount);
        Assert.Equal(0, f.Store.PendingListsStarted);
        // A read of the minute archive still sees minute T0 (it rolls its series up first).
        var values = f.Fetch(names[^1], T0 - 601, T0 + 120, out long start, out long step);
        Assert.Equal(60, step);
        Assert.Equal(1.0, values[(T0 - start) / step]);
    }

    [Fact]
    public async Task A_backfill_past_the_cap_rolls_every_series_up_with_the_same_values()
    {
        await using var f = Fixture(T0 + 600);
        var names = Names(3);
        f.Write(names.Select(n => (n, T0 + 599, 5.0)).ToArray());
        // One series backfills Cap past minutes, one point each: the third starts its list (the two before are held
        // inline and move into it), and the last one brings the list to the cap.
        for (int minute = 0; minute < Cap; minute++)
            f.Write(("backfill", T0 + 60L * minute, minute));

        Assert.Equal(1, f.Store.PendingListsStarted);
        Assert.Equal(0, f.Store.PendingRollupCount);
        var values = f.Fetch("backfill", T0 - 1, T0 + 60L * Cap, out long start, out long step);
        Assert.Equal(60, step);
        for (int minute = 0; minute < Cap; minute++)
            Assert.Equal(minute, values[(T0 + 60L * minute - start) / step]);
    }
}
