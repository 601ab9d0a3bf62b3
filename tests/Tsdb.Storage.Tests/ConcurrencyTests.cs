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

    /// <summary>The name tree is filled off the writer thread (TsdbStore.Names.cs). Readers find every series
    /// whose write returned before their find began, whether a work item or the find itself indexed it, and a
    /// store nobody reads indexes every name on its own.</summary>
    [Fact]
    public async Task Find_sees_every_series_whose_write_returned_while_the_tree_fills_beside_the_writer()
    {
        await using var f = new StoreFixture(T0 + 10, "[x]\npattern = .\nretentions = 10s:1d\n");
        const int Batches = 200, PerBatch = 100;
        int written = 0;
        var writer = Task.Run(() =>
        {
            for (int b = 0; b < Batches; b++)
            {
                var batch = new Core.PointBatch(PerBatch) { ArrivalTime = f.Time.Now };
                for (int s = 0; s < PerBatch; s++) batch.Add($"w.b{b}.s{s}", T0, s);
                f.Store.Write(batch);
                Volatile.Write(ref written, b + 1);
            }
        });
        int finds = 0;
        while (!writer.IsCompleted || finds == 0)
        {
            int before = Volatile.Read(ref written);
            var branches = f.Store.Find("w.*");
            Assert.True(branches.Count >= before, $"{branches.Count} branches found after {before} batches were written");
            if (before > 0) Assert.Equal(PerBatch, f.Store.Find($"w.b{before - 1}.*").Count);
            finds++;
        }
        await writer;

        await using var unread = new StoreFixture(T0 + 10, "[x]\npattern = .\nretentions = 10s:1d\n");
        var names = new Core.PointBatch(PerBatch) { ArrivalTime = unread.Time.Now };
        for (int s = 0; s < PerBatch; s++) names.Add($"u.s{s}", T0, s);
        unread.Store.Write(names);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (unread.Store.TreeLeafCountWithoutIndexing < PerBatch && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(PerBatch, unread.Store.TreeLeafCountWithoutIndexing);
    }
}
