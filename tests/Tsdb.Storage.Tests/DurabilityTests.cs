namespace Tsdb.Storage.Tests;

/// <summary>WAL, chunk sealing, checkpoints, recovery and retention, with buffers small enough that the
/// chunk store and the WAL really page to disk.</summary>
public sealed class DurabilityTests
{
    private const long T0 = 1795986000;
    private const string Schemas = "[all]\npattern = .*\nretentions = 10s:1h,1m:1d\n";

    /// <summary>300 series x 30 points at 10 s: far more chunk records than the 4 KB log buffer holds.</summary>
    private static void WriteMany(StoreFixture f, long start, int points, double offset = 0)
    {
        for (int p = 0; p < points; p++)
        {
            var batch = new Core.PointBatch(300) { ArrivalTime = f.Time.Now };
            for (int s = 0; s < 300; s++) batch.Add($"host{s % 10}.cpu{s}", start + p * 10, s * 1000 + p + offset);
            f.Store.Write(batch);
        }
    }

    private static void AssertMany(StoreFixture f, long start, int points, double offset = 0)
    {
        for (int s = 0; s < 300; s += 7)
        {
            var values = f.Fetch($"host{s % 10}.cpu{s}", start - 1, start + (points - 1) * 10, out long first, out long step);
            Assert.Equal(10, step);
            for (int p = 0; p < points; p++)
                Assert.Equal(s * 1000 + p + offset, values[(start + p * 10 - first) / 10]);
        }
    }

    [Fact]
    public async Task Clean_restart_reads_everything_back()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        WriteMany(f, T0, 30);
        await f.RestartAsync();
        AssertMany(f, T0, 30);
        Assert.Equal(300, f.Store.Statistics.SeriesCount);
        // the rollup survives too: minute average of 6 slots p..p+5.
        var minute = f.Store.Fetch("host0.cpu0", T0 - 3601, T0 + 59, f.Time.Now)!;
        Assert.Equal(60, minute.Step);
        Assert.Equal(2.5, minute.Values[^1]);
    }

    [Fact]
    public async Task Index_grows_with_the_chunks_and_recovers_at_its_new_size()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        Assert.Equal(1 << 12, f.Store.ChunkIndexBytes);
        WriteMany(f, T0, 30);
        await f.Store.CheckpointAsync();
        long grown = f.Store.ChunkIndexBytes;
        // 300 catalog records + 600 chunks: at most KeysPerBucket keys per 64-byte bucket.
        Assert.True(grown >= 900 * 64 / Internal.ChunkStore.KeysPerBucket && (grown & (grown - 1)) == 0, $"index {grown} bytes");
        await f.RestartAsync();
        Assert.Equal(grown, f.Store.ChunkIndexBytes);
        AssertMany(f, T0, 30);
        f.Time.Now = T0 + 400;
        WriteMany(f, T0 + 300, 5, offset: 30);
        await f.CrashAndReopenAsync();
        Assert.Equal(grown, f.Store.ChunkIndexBytes);
        AssertMany(f, T0, 35);
    }

    [Fact]
    public async Task Crash_after_wal_commit_replays_everything_committed()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        WriteMany(f, T0, 10);
        await f.Store.CheckpointAsync();
        WriteMany(f, T0 + 100, 20, offset: 10);
        await f.CrashAndReopenAsync();
        Assert.True(f.Store.Statistics.WalRecordsReplayed > 0);
        AssertMany(f, T0, 30);
        // and the recovered store keeps working across another clean restart.
        f.Time.Now = T0 + 400;
        WriteMany(f, T0 + 300, 5, offset: 30);
        await f.RestartAsync();
        AssertMany(f, T0, 35);
    }

    /// <summary>A chunk written contiguously (dense), then with a gap, a write before its first slot and a
    /// replace (sparse) reads back the same after a WAL replay and after a clean restart (chunk codec).</summary>
    [Fact]
    public async Task Dense_then_sparse_chunk_survives_replay_and_restart()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        var expected = new double[20];
        Array.Fill(expected, double.NaN);
        void Write(int slot, double value)
        {
            f.Write(("d", T0 + slot * 10, value));
            expected[slot] = value;
        }
        for (int slot = 5; slot < 10; slot++) Write(slot, slot);
        Write(7, -7);
        Write(14, 14);
        Write(2, 2);
        Write(15, 15);
        Write(12, 12);
        void AssertAll()
        {
            var values = f.Fetch("d", T0 - 1, T0 + 190, out long first, out long step);
            Assert.Equal((10L, T0), (step, first));
            Assert.Equal(expected, values);
        }
        AssertAll();
        await f.CrashAndReopenAsync();
        AssertAll();
        await f.RestartAsync();
        AssertAll();
    }

    /// <summary>A replay after a downtime (every replayed window already past: 10 s windows are 7,200 s) does not
    /// seal at open: the replayed chunks are read as open chunks, and the timed sweep a seal interval later stores
    /// them; they read back the same before, after, and after a clean restart.</summary>
    [Fact]
    public async Task Replay_after_a_downtime_leaves_sealing_to_the_timed_sweep()
    {
        await using var f = new StoreFixture(T0 + 300, "[all]\npattern = .*\nretentions = 10s:1d,1m:7d\n",
            configure: o => o.SealInterval = TimeSpan.FromSeconds(60));
        WriteMany(f, T0, 12);
        await f.Store.AbandonAfterWalCommitAsync();
        f.Time.Now = T0 + 20_000;
        await f.ReopenAsync();
        Assert.Equal(0, f.Store.Statistics.ChunksSealed);
        Assert.Equal(600, f.Store.OpenChunkCount);
        AssertMany(f, T0, 12);
        await f.Store.SweepIfIdleAsync();
        Assert.Equal(0, f.Store.Statistics.ChunksSealed);
        // Due: the 10 s chunks (windows long past) are stored and dropped; the 1 min chunks (window not over)
        // stay until a sweep finds them unwritten since the previous one.
        f.Time.Now += 60;
        await f.Store.SweepIfIdleAsync();
        Assert.Equal(300, f.Store.Statistics.ChunksSealed);
        Assert.Equal(300, f.Store.OpenChunkCount);
        AssertMany(f, T0, 12);
        f.Time.Now += 60;
        await f.Store.SweepIfIdleAsync();
        Assert.Equal(0, f.Store.OpenChunkCount);
        AssertMany(f, T0, 12);
        await f.RestartAsync();
        AssertMany(f, T0, 12);
    }

    /// <summary>More catalog records than one batch of overlapping reads, all on disk (4 KB log buffer): every
    /// series comes back under its own id, which the WAL written after the restart refers to.</summary>
    [Fact]
    public async Task Catalog_larger_than_a_read_batch_restores_every_series_under_its_id()
    {
        const int Series = 10_000;
        await using var f = new StoreFixture(T0 + 300, Schemas);
        var batch = new Core.PointBatch(Series) { ArrivalTime = f.Time.Now };
        for (int s = 0; s < Series; s++) batch.Add($"c{s % 37}.s{s}", T0, s);
        f.Store.Write(batch);
        await f.RestartAsync();
        Assert.Equal(Series, f.Store.Statistics.SeriesCount);
        // Points after the restart are logged by id only; a crash replays them through the catalog's ids.
        batch = new Core.PointBatch(Series) { ArrivalTime = f.Time.Now };
        for (int s = 0; s < Series; s++) batch.Add($"c{s % 37}.s{s}", T0 + 10, -s);
        f.Store.Write(batch);
        await f.CrashAndReopenAsync();
        Assert.Equal(Series, f.Store.Statistics.SeriesCount);
        for (int s = 0; s < Series; s += 101)
            Assert.Equal([s, -s], f.Fetch($"c{s % 37}.s{s}", T0 - 1, T0 + 10, out _, out _));
    }

    [Fact]
    public async Task Crash_without_any_checkpoint_replays_from_the_start()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        WriteMany(f, T0, 12);
        await f.CrashAndReopenAsync();
        AssertMany(f, T0, 12);
    }

    [Fact]
    public async Task Backfill_into_a_sealed_chunk_rewrites_it()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas, configure: o => o.SealInterval = TimeSpan.FromSeconds(1));
        f.Write(("a.b", T0 + 10, 1), ("a.b", T0 + 20, 2));
        // the 1 min archive's 43 200 s window holding T0 starts at T0 - 32 400; a window after its end
        // the next write's sweep seals it.
        f.Time.Now = T0 + 60000;
        f.Write(("other", f.Time.Now, 0));
        long sealedBefore = f.Store.Statistics.ChunksSealed;
        Assert.True(sealedBefore > 0);
        // backfill: the point is 59 970 s old, so it goes to the 1 min archive's sealed chunk.
        f.Write(("a.b", T0 + 30, 3));
        Assert.True(f.Store.Statistics.ChunksRewritten > 0);
        var minute = f.Fetch("a.b", T0 - 1, T0 + 59, out long start, out long step);
        Assert.Equal((60L, T0), (step, start));
        Assert.Equal(3.0, minute[0]);
        await f.RestartAsync();
        minute = f.Fetch("a.b", T0 - 1, T0 + 59, out _, out _);
        Assert.Equal(3.0, minute[0]);
    }

    [Fact]
    public async Task Sealed_chunk_backfill_in_the_fine_archive()
    {
        await using var f = new StoreFixture(T0 + 300, "[x]\npattern = .\nretentions = 10s:1d,1m:7d\n",
            configure: o => o.SealInterval = TimeSpan.FromSeconds(1));
        f.Write(("s", T0 + 10, 1));
        f.Time.Now = T0 + 3 * 7200;
        f.Write(("t", f.Time.Now, 0));
        f.Write(("s", T0 + 20, 2), ("s", T0 + 10, 5));
        var values = f.Fetch("s", T0, T0 + 20, out _, out long step);
        Assert.Equal(10, step);
        Assert.Equal([5.0, 2.0], values);
        await f.CrashAndReopenAsync();
        Assert.Equal([5.0, 2.0], f.Fetch("s", T0, T0 + 20, out _, out _));
    }

    [Fact]
    public async Task Retention_deletes_expired_chunks_and_compaction_keeps_live_ones()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas, configure: o => o.ChunkCompactionThresholdBytes = 1);
        WriteMany(f, T0, 6);
        await f.Store.CheckpointAsync();
        // a day and a bit later everything of the 10 s archive (1 h) and of the 1 min archive (1 d) is gone.
        f.Time.Now = T0 + 86400 + 3 * 7200;
        WriteMany(f, f.Time.Now - 50, 5);
        await f.Store.CheckpointAsync();
        Assert.True(f.Store.Statistics.ChunksExpired > 0);
        await f.RestartAsync();
        AssertMany(f, f.Time.Now - 50, 5);
        Assert.Null(f.Store.Fetch("host0.cpu0", T0, T0 + 60, f.Time.Now));
    }

    [Fact]
    public async Task Only_the_latest_checkpoint_is_kept()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        for (int i = 0; i < 3; i++)
        {
            WriteMany(f, T0, i + 1);
            await f.Store.CheckpointAsync();
        }
        string checkpoints = Path.Combine(f.Options.DataDirectory, "chunks", "checkpoints");
        foreach (string folder in new[] { "index-checkpoints", "cpr-checkpoints" })
            Assert.Single(Directory.GetDirectories(Path.Combine(checkpoints, folder)));
        await f.RestartAsync();
        AssertMany(f, T0, 3);
        foreach (string folder in new[] { "index-checkpoints", "cpr-checkpoints" })
            Assert.Single(Directory.GetDirectories(Path.Combine(checkpoints, folder)));
    }
}
