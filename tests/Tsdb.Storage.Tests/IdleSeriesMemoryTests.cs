using Tsdb.Storage.Chunks;
namespace Tsdb.Storage.Tests;

/// <summary>
/// What an idle series keeps in memory: no chunk once a sweep found it unwritten since the previous one
/// (its data is in the chunk store and reads back unchanged), and a schema shared with every series of its
/// rule. Issue #5 budgets 1 KiB per idle series for a million of them.
/// </summary>
public sealed class IdleSeriesMemoryTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d,5m:7d\n";

    /// <summary>Sweeps every 60 s, and passed minutes rolled up at once, so that each series holds its coarser
    /// chunks after its writes.</summary>
    private static void NoRollupSpread(StorageOptions o)
    {
        o.SealInterval = TimeSpan.FromSeconds(60);
        o.RollupSpread = TimeSpan.Zero;
    }

    [Fact]
    public async Task Chunks_unwritten_for_a_whole_sweep_interval_leave_memory_and_read_back()
    {
        await using var f = new StoreFixture(T0, Schemas, configure: NoRollupSpread);
        for (long t = T0 - 30; t < T0; t++) f.Write(("idle", t, t - T0), ("busy", t, 1));
        Assert.True(f.Store.OpenChunkCount >= 6);
        // Two sweeps 60 s apart while only "busy" is written: "idle" is evicted, "busy" keeps its chunks.
        for (int sweep = 1; sweep <= 2; sweep++)
        {
            f.Time.Now = T0 + 61 * sweep;
            f.Write(("busy", f.Time.Now, 2));
        }
        Assert.Equal(3, f.Store.OpenChunkCount);
        var values = f.Fetch("idle", T0 - 31, T0 - 1, out long start, out long step);
        Assert.Equal(1, step);
        Assert.Equal(T0 - 30, start);
        Assert.Equal(Enumerable.Range(-30, 30).Select(v => (double)v), values);
        // A late point for the evicted series is a read-modify-write of its stored chunk.
        f.Write(("idle", T0 - 1, 100));
        Assert.Equal(100.0, f.Fetch("idle", T0 - 2, T0 - 1, out _, out _)[0]);
        Assert.Equal(-2.0, f.Fetch("idle", T0 - 3, T0 - 2, out _, out _)[0]);
    }

    [Fact]
    public async Task A_store_nobody_writes_to_any_more_evicts_its_chunks_on_the_timed_sweep()
    {
        await using var f = new StoreFixture(T0, Schemas, configure: NoRollupSpread);
        for (long t = T0 - 30; t < T0; t++) f.Write(("a", t, t - T0), ("b", t, 1));
        int open = f.Store.OpenChunkCount;
        Assert.True(open >= 6);
        // Not due yet: nothing happens.
        await f.Store.SweepIfIdleAsync();
        Assert.Equal(open, f.Store.OpenChunkCount);
        Assert.Equal(0, f.Store.Statistics.ChunkBytesEvicted);
        // No write at all from here on (the writer sweeps only as it writes): two timed sweeps empty memory.
        f.Time.Now = T0 + 61;
        await f.Store.SweepIfIdleAsync();
        f.Time.Now = T0 + 122;
        await f.Store.SweepIfIdleAsync();
        Assert.Equal(0, f.Store.OpenChunkCount);
        // What the memory trim counts as freed: at least each chunk object and its 30 (or 1) slots.
        Assert.True(f.Store.Statistics.ChunkBytesEvicted >= 2 * (SeriesChunk.ObjectBytes + 8 * 30) + 4 * (SeriesChunk.ObjectBytes + 8));
        Assert.Equal(Enumerable.Range(-30, 30).Select(v => (double)v), f.Fetch("a", T0 - 31, T0 - 1, out _, out _));
        await f.RestartAsync();
        Assert.Equal(Enumerable.Range(-30, 30).Select(v => (double)v), f.Fetch("a", T0 - 31, T0 - 1, out _, out _));
    }

    /// <summary>A live feed writes its coarser archive's chunk only as a bucket passes, here every 10 minutes: sweeps
    /// every minute keep that chunk in memory (judged by the chunk, it was idle, and each sweep stored and dropped it
    /// and the next bucket read it back), and drop the finest archive's chunk once its window has ended and nobody
    /// writes it.</summary>
    [Fact]
    public async Task A_live_series_keeps_the_coarser_chunk_it_writes_between_buckets()
    {
        await using var f = new StoreFixture(T0, "[x]\npattern = .\nretentions = 1s:30m,10m:1d\n",
            configure: o => o.SealInterval = TimeSpan.FromSeconds(60));
        for (long t = T0; t < T0 + 1500; t++)
        {
            f.Time.Now = t + 1;
            f.Write(("live", t, t % 7));
        }
        Assert.Equal(0, f.Store.Statistics.ChunksRewritten);
        // The 10 min chunk and the current 1 s one: the 1 s archive's first window (1,200 s here, 720 slots rounded up
        // to the 10 min step) has ended, and the sweep after it stored and dropped its chunk.
        Assert.Equal(2, f.Store.OpenChunkCount);
        Assert.Equal(1, f.Store.Statistics.ChunksSealed);
        var tenMinutes = f.Fetch("live", T0 - 3600, T0 + 1500, out long start, out long step);
        Assert.Equal(600, step);
        Assert.Equal(Enumerable.Range(600, 600).Average(i => (T0 + i) % 7), tenMinutes[(T0 + 600 - start) / step], 1e-9);
    }

    [Fact]
    public async Task Series_of_one_rule_share_one_schema_also_after_recovery()
    {
        await using var f = new StoreFixture(T0, Schemas);
        f.Write(("a", T0 - 1, 1), ("b", T0 - 1, 2));
        Assert.Same(f.Store.SchemaOf("a"), f.Store.SchemaOf("b"));
        await f.RestartAsync();
        Assert.Same(f.Store.SchemaOf("a"), f.Store.SchemaOf("b"));
    }
}

/// <summary>The chunk index grows before a sweep or checkpoint writes many new keys, so its checkpoint stays
/// about the size of the index (a small index filled first kept millions of overflow buckets: 4 GB for 1 M series).</summary>
public sealed class ChunkIndexSizingTests
{
    [Fact]
    public async Task An_index_checkpoint_stays_near_the_index_size_after_many_new_series()
    {
        const long T0 = 1795986000;
        await using var f = new StoreFixture(T0);
        var batch = new Tsdb.Core.PointBatch(20_000) { ArrivalTime = T0 };
        for (int i = 0; i < 20_000; i++) batch.Add($"many.s{i}", T0 - 1, i);
        f.Store.Write(batch);
        await f.Store.CheckpointAsync();

        long index = f.Store.ChunkIndexBytes;
        // 20,000 catalog records + 60,000 chunks at KeysPerBucket keys per 64-byte bucket.
        Assert.True(index >= 80_000 / Internal.ChunkStore.KeysPerBucket * 64, $"index {index} bytes");
        long written = Directory.GetFiles(Path.Combine(f.Options.DataDirectory, "chunks", "checkpoints"), "ht.dat*", SearchOption.AllDirectories)
            .Max(path => new FileInfo(path).Length);
        Assert.True(written <= 2 * index, $"index checkpoint {written} bytes for a {index}-byte index");
    }
}
