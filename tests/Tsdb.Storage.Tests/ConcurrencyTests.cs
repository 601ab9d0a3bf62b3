namespace Tsdb.Storage.Tests;

public sealed class ConcurrencyTests
{
    private const long T0 = 1795986000;

    /// <summary>Readers fetch and find while the writer writes, seals (1 s sweep, advancing clock) and
    /// checkpoints; every fetch sees a prefix-consistent slot value (either unset or the final value).</summary>
    [Fact]
    public async Task Readers_run_beside_the_writer_and_checkpoints()
    {
        await using var f = new StoreFixture(T0 + 10, "[x]\npattern = .\nretentions = 10s:1d,1m:30d\n",
            configure: o => o.SealInterval = TimeSpan.FromSeconds(1));
        const int Points = 400;
        using var stop = new CancellationTokenSource();
        long now = T0 + Points * 10 + 10;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            int reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                var result = f.Store.Fetch($"s{reads % 20}", T0 - 1, T0 + Points * 10, now);
                if (result is not null)
                    for (int i = 0; i < result.Values.Length; i++)
                    {
                        double v = result.Values[i];
                        Assert.True(double.IsNaN(v) || v == (result.Start + i * 10 - T0) / 10, $"slot {i} = {v}");
                    }
                f.Store.Find("s*");
                reads++;
            }
            return reads;
        })).ToArray();

        for (int p = 0; p < Points; p++)
        {
            f.Time.Now = T0 + p * 10 + 10;
            var batch = new Core.PointBatch(20) { ArrivalTime = f.Time.Now };
            for (int s = 0; s < 20; s++) batch.Add($"s{s}", T0 + p * 10, p);
            f.Store.Write(batch);
            if (p % 100 == 50) await f.Store.CheckpointAsync();
        }
        stop.Cancel();
        Assert.All(await Task.WhenAll(readers), reads => Assert.True(reads > 0));
        f.Time.Now = now;
        var all = f.Store.Fetch("s7", T0 - 1, T0 + (Points - 1) * 10, now)!;
        Assert.Equal(Enumerable.Range(0, Points).Select(i => (double)i), all.Values);
    }
}
