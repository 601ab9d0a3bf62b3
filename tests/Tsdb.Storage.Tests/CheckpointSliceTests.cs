namespace Tsdb.Storage.Tests;

/// <summary>
/// The checkpoint's pass in slices (TsdbStore.Checkpoint.cs): the writer goes on between slices, and whatever it
/// wrote meanwhile (to series the pass had visited, to series it had not, to series created during it) is read
/// back after a crash, from the checkpoint or from the WAL after the address the checkpoint covers. Slice 0
/// (64 series a slice) makes the slicing independent of this machine's speed.
/// </summary>
public sealed class CheckpointSliceTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d,5m:7d\n";
    private const int Series = 2000;

    private static StoreFixture Fixture() => new(T0, Schemas, configure: o => o.SweepSliceTime = TimeSpan.Zero);

    /// <summary>30 s of every series s{i}, written at T0 - 1: each one's minute is still current, so its rollup waits.</summary>
    private static void WriteSeries(StoreFixture f)
    {
        f.Time.Now = T0 - 1;
        for (long t = T0 - 30; t < T0; t++)
            f.Write(Enumerable.Range(0, Series).Select(i => ($"s{i}", t, (double)(i + t - T0))).ToArray());
    }

    [Fact]
    public async Task Points_written_while_a_checkpoint_runs_are_read_back_after_a_crash()
    {
        await using var f = Fixture();
        WriteSeries(f);
        f.Time.Now = T0;
        var checkpoint = f.Store.CheckpointAsync();
        // While the pass runs: a point at T0 for a series early in the pass, one late in it, and a new series.
        var during = new Dictionary<string, double>();
        int writes = 0, inPass = 0;
        for (; !checkpoint.IsCompleted; writes++)
        {
            Assert.True(writes < 1_000_000, "the checkpoint never finished");
            (string Name, double Value)[] points = [($"s{writes % 64}", writes), ($"s{Series - 1 - writes % 64}", -writes), ($"new.n{writes}", writes)];
            f.Write(points.Select(p => (p.Name, T0, p.Value)).ToArray());
            if (f.Store.CheckpointPassInProgress) inPass++;
            foreach (var (name, value) in points) during[name] = value;
        }
        await checkpoint;
        // The writer went on during the pass: done as one piece under the write gate, a write waited for all of it.
        Assert.True(inPass >= 1, $"{writes} writes while the checkpoint ran, none during its pass");

        await f.CrashAndReopenAsync();
        Assert.True(f.Store.Statistics.WalRecordsReplayed > 0);
        foreach (var (name, value) in during)
            Assert.Equal(value, f.Fetch(name, T0 - 1, T0, out _, out _)[0]);
        foreach (int i in new[] { 0, 63, 64, 1000, Series - 1 })
            Assert.Equal(Enumerable.Range(-30, 30).Select(v => (double)(i + v)), f.Fetch($"s{i}", T0 - 31, T0 - 1, out _, out _));
        // The rollups the pass did before storing: the minute before T0 holds the average of its 30 points.
        var minutes = f.Fetch($"s{Series - 1}", T0 - 3600, T0, out long start, out long step);
        Assert.Equal(60, step);
        Assert.Equal(Series - 1 - 15.5, minutes[(T0 - 60 - start) / step]);
    }

    /// <summary>The pass rolls every series up before storing its chunks, which opens its minute and 5-minute
    /// chunks: the index is sized for those too before the pass (filled first, FASTER chains keys into overflow
    /// buckets it never frees).</summary>
    [Fact]
    public async Task The_index_is_sized_for_the_coarser_chunks_the_pass_opens()
    {
        await using var f = Fixture();
        WriteSeries(f);
        f.Time.Now = T0;
        await f.Store.CheckpointAsync();
        // A catalog record, a chunk per archive and series, and the meta record, at most 8 per 64-byte bucket.
        long keys = Series * 4L + 1;
        Assert.True(f.Store.ChunkIndexBytes / 64 * 8 >= keys, $"{f.Store.ChunkIndexBytes} bytes of index for {keys} keys");
    }
}
