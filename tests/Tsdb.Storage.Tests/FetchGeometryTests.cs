using Tsdb.Core;

namespace Tsdb.Storage.Tests;

/// <summary>
/// <see cref="TsdbStore.PointCount"/> (IFetchPlanner) must equal the length Fetch returns, null where Fetch
/// returns null, for every (from, until, now): it is what query limits charge before any data is read.
/// </summary>
public sealed class FetchGeometryTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;

    // Steps that do not divide each other's retentions evenly, so archive boundaries and alignment both matter.
    private const string OddSchemas = "[odd]\npattern = ^odd\\.\nretentions = 7:100,60:60,300:288\n[all]\npattern = .*\nretentions = 60:60,300:288\n";

    private static void AssertSameAsFetch(TsdbStore store, string name, long from, long until, long now)
    {
        if (from > until)
        {
            Assert.Throws<ArgumentException>(() => store.PointCount(name, from, until, now));
            Assert.Throws<ArgumentException>(() => store.Fetch(name, from, until, now));
            return;
        }
        long? planned = store.PointCount(name, from, until, now);
        var fetched = store.Fetch(name, from, until, now);
        Assert.True(fetched?.Values.Length == planned,
            $"{name} from={from - now:+#;-#;0} until={until - now:+#;-#;0} now={now}: planned {planned?.ToString() ?? "null"}, fetched {fetched?.Values.Length.ToString() ?? "null"}");
        if (fetched is not null) Assert.Equal(fetched.End - fetched.Start, planned * fetched.Step);
    }

    [Fact]
    public async Task Point_count_matches_fetch_length_at_the_edges()
    {
        await using var f = new StoreFixture(T0 + 600, OddSchemas);
        f.Write(("odd.a", T0 + 60, 1), ("plain.a", T0 + 60, 1));
        var store = f.Store;
        long now = f.Time.Now;
        foreach (var name in new[] { "odd.a", "plain.a" })
        {
            long maxRetention = 300 * 288;
            // from > now: null.
            AssertSameAsFetch(store, name, now + 1, now + 100, now);
            // from == now: one slot past now (fromI == untilI -> one more step).
            AssertSameAsFetch(store, name, now, now, now);
            // until older than the max retention: null; exactly at it: data.
            AssertSameAsFetch(store, name, 0, now - maxRetention - 1, now);
            AssertSameAsFetch(store, name, 0, now - maxRetention, now);
            // from older than the max retention: clamped.
            AssertSameAsFetch(store, name, now - maxRetention - 12345, now, now);
            // fromI == untilI inside a step, on a step boundary, and on each side of it.
            foreach (long t in new[] { T0 + 61, T0 + 59, T0 + 60, T0 + 120 })
            {
                AssertSameAsFetch(store, name, t, t, now);
                AssertSameAsFetch(store, name, t, t + 1, now);
                AssertSameAsFetch(store, name, t - 1, t, now);
            }
            // Archive boundaries: now - from equal to each retention, and one second past it.
            foreach (long retention in new long[] { 7 * 100, 60 * 60, 300 * 288 })
            {
                AssertSameAsFetch(store, name, now - retention, now, now);
                AssertSameAsFetch(store, name, now - retention - 1, now, now);
                AssertSameAsFetch(store, name, now - retention + 1, now - 1, now);
            }
            // until beyond now: clamped to now.
            AssertSameAsFetch(store, name, now - 500, now + 9999, now);
            // from > until: ArgumentException from both.
            AssertSameAsFetch(store, name, now - 10, now - 20, now);
        }
        // Unknown series: null from both (and from > until still throws, as Fetch checks it first).
        AssertSameAsFetch(store, "missing.a", now - 100, now, now);
        AssertSameAsFetch(store, "missing.a", now, now - 100, now);
    }

    [Fact]
    public async Task Point_count_matches_fetch_length_for_many_ranges()
    {
        await using var f = new StoreFixture(T0 + 600, OddSchemas);
        f.Write(("odd.a", T0 + 60, 1), ("plain.a", T0 + 60, 1), ("tag.a;dc=x", T0 + 60, 1));
        string taggedPath = f.Store.Find("_tagged.*.*.*").Single(n => n.IsLeaf).Path;
        var random = new Random(6);
        long[] scales = [1, 7, 60, 300, 700, 3600, 86400, 300 * 288];
        for (int i = 0; i < 3000; i++)
        {
            // now not aligned to any step; from/until around it at every scale, sometimes in the future or before epoch 0.
            long now = T0 + random.Next(0, 100_000);
            long Around() => now - random.NextInt64(-2, 3) * scales[random.Next(scales.Length)] - random.Next(-8, 9);
            long from = Around(), until = Around();
            if (random.Next(10) == 0) (from, until) = (Math.Min(from, until), Math.Min(from, until));
            if (random.Next(50) == 0) from = -random.Next(1, 1000);
            foreach (var name in new[] { "odd.a", "plain.a", taggedPath })
                AssertSameAsFetch(f.Store, name, from, until, now);
        }
    }

    [Fact]
    public async Task Point_count_of_the_default_schema_matches_a_year_fetch()
    {
        await using var f = new StoreFixture(T0);
        f.Write(("d.a", T0 - 10, 1));
        foreach (long ago in new long[] { 0, 1, 86400, 86401, 30 * 86400, 30 * 86400 + 1, 365 * 86400, 365 * 86400 + 1, 400 * 86400 })
            AssertSameAsFetch(f.Store, "d.a", T0 - ago, T0, T0);
        // The abusive query's size: a year at 5 min is 105,120 points, known without reading a chunk.
        Assert.Equal(365 * 288, f.Store.PointCount("d.a", T0 - 365 * 86400, T0, T0));
    }
}
