namespace Tsdb.Storage.Tests;

/// <summary>whisper update_many / __propagate / file_fetch behaviour (whisper.py), through the store.</summary>
public sealed class WhisperSemanticsTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;

    private const string MinuteSchemas = "[all]\npattern = .*\nretentions = 60:60,300:288\n";

    [Fact]
    public async Task Fetch_from_exclusive_until_inclusive_aligned_to_step()
    {
        await using var f = new StoreFixture(T0 + 600, MinuteSchemas);
        f.Write(("a.b", T0 + 4 * 60, 4), ("a.b", T0 + 5 * 60, 5), ("a.b", T0 + 6 * 60, 6), ("a.b", T0 + 7 * 60, 7));
        var values = f.Fetch("a.b", T0 + 4 * 60, T0 + 6 * 60, out long start, out long step);
        Assert.Equal(60, step);
        Assert.Equal(T0 + 5 * 60, start);
        Assert.Equal([5.0, 6.0], values);
    }

    [Fact]
    public async Task Fetch_returns_null_like_whisper_and_clamps()
    {
        await using var f = new StoreFixture(T0 + 600, MinuteSchemas);
        f.Write(("a", T0 + 60, 1));
        Assert.Null(f.Store.Fetch("missing", T0, T0 + 60, f.Time.Now));
        Assert.Null(f.Store.Fetch("a", T0 + 601, T0 + 700, f.Time.Now));
        Assert.Null(f.Store.Fetch("a", 0, T0 + 600 - 300 * 288 - 1, f.Time.Now));
        Assert.Throws<ArgumentException>(() => f.Store.Fetch("a", T0 + 10, T0, f.Time.Now));
        // until beyond now is clamped to now: (now-120, now] at 60 s = 2 slots.
        var r = f.Store.Fetch("a", T0 + 480, T0 + 9999, f.Time.Now)!;
        Assert.Equal(T0 + 540, r.Start);
        Assert.Equal(T0 + 660, r.End);
        // same aligned from/until gives one slot.
        r = f.Store.Fetch("a", T0 + 61, T0 + 62, f.Time.Now)!;
        Assert.Equal(T0 + 120, r.Start);
        Assert.Single(r.Values);
    }

    [Fact]
    public async Task Same_slot_last_write_wins_within_and_across_batches()
    {
        await using var f = new StoreFixture(T0 + 600, MinuteSchemas);
        f.Write(("a", T0 + 60, 1), ("a", T0 + 61, 2), ("a", T0 + 120, 3));
        f.Write(("a", T0 + 125, 4));
        var values = f.Fetch("a", T0, T0 + 120, out _, out _);
        Assert.Equal([2.0, 4.0], values);
    }

    [Fact]
    public async Task Xff_half_with_five_slots_needs_three_known()
    {
        const string agg = "[sum]\npattern = .*\nxFilesFactor = 0.5\naggregationMethod = sum\n";
        await using var f = new StoreFixture(T0 + 300, MinuteSchemas.Replace("60:60", "60:10"), agg);
        f.Write(("two", T0 + 0, 1), ("two", T0 + 60, 2));
        f.Write(("three", T0 + 0, 1), ("three", T0 + 60, 2), ("three", T0 + 240, 4));
        // from older than archive 0's 600 s retention -> the 300 s archive; slots T0-300 and T0.
        var two = f.Fetch("two", T0 - 301, T0 + 299, out long start, out long step);
        Assert.Equal(300, step);
        Assert.Equal(T0 - 300, start);
        Assert.True(double.IsNaN(two[1]));
        var three = f.Fetch("three", T0 - 301, T0 + 299, out _, out _);
        Assert.Equal(7.0, three[1]);
    }

    [Fact]
    public async Task Rollup_is_visible_immediately_and_follows_out_of_order_updates()
    {
        await using var f = new StoreFixture(T0 + 300, "[x]\npattern = .\nretentions = 1s:10m,1m:1d\n");
        f.Write(("cpu", T0 + 61, 10), ("cpu", T0 + 62, 20));
        // from 601 s back -> the 1 min archive; slots T0-300 .. T0+120, T0+60 second to last.
        var minute = f.Fetch("cpu", T0 - 301, T0 + 120, out _, out long step);
        Assert.Equal(60, step);
        Assert.Equal(15.0, minute[^2]);
        f.Write(("cpu", T0 + 63, 60), ("cpu", T0 + 62, 50));
        minute = f.Fetch("cpu", T0 - 301, T0 + 120, out _, out _);
        Assert.Equal(40.0, minute[^2]);
    }

    [Theory]
    [InlineData("average", 0.5)]
    [InlineData("sum", 2.0)]
    [InlineData("last", -4.0)]
    [InlineData("max", 3.0)]
    [InlineData("min", -4.0)]
    [InlineData("avg_zero", 0.2)]
    [InlineData("absmax", -4.0)]
    [InlineData("absmin", 1.0)]
    public async Task Aggregation_methods(string method, double expected)
    {
        // 10 slots of 6 s per minute; 1, 2, 3, -4 known, xff 0 -> aggregate of the known four.
        var agg = $"[m]\npattern = .*\nxFilesFactor = 0\naggregationMethod = {method}\n";
        await using var f = new StoreFixture(T0 + 100, "[x]\npattern = .\nretentions = 6:100,60:1000\n", agg);
        f.Write(("m", T0, 1), ("m", T0 + 6, 2), ("m", T0 + 12, 3), ("m", T0 + 18, -4));
        double[] v = f.Fetch("m", T0 - 501, T0 + 59, out _, out long step);
        Assert.Equal(60L, step);
        Assert.Equal(expected, v[^1]);
    }

    [Fact]
    public async Task Points_route_by_age_and_too_old_ones_are_dropped()
    {
        await using var f = new StoreFixture(T0 + 86400, MinuteSchemas);
        long now = f.Time.Now;
        f.Write(("a", now - 120, 1), ("a", now - 4000, 2), ("a", now - 300 * 288 - 10, 3), ("a", now + 120, 4));
        Assert.Equal(1, f.Store.Statistics.PointsDroppedTooOld);
        // 4000 s old: past archive 0's 3600 s, so it is written straight into the 300 s archive.
        var coarse = f.Fetch("a", now - 4500, now, out _, out long step);
        Assert.Equal(300, step);
        Assert.Contains(2.0, coarse);
        var fine = f.Fetch("a", now - 600, now, out _, out step);
        Assert.Equal(60, step);
        Assert.Equal(1.0, fine[^3]);
        // future point lands in archive 0, visible once now passes it.
        f.Time.Now = now + 180;
        fine = f.Fetch("a", now, now + 180, out _, out _);
        Assert.Equal(4.0, fine[1]);
    }
}
