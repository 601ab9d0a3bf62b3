namespace Tsdb.Storage.Tests;

/// <summary>The rewrite of the chunk store at a clean shutdown: a store whose chunks were stored many times
/// shrinks to the size of the same data stored once, reads back identically after a restart and after a crash,
/// and an interrupted rewrite (any of its folders left by a kill) is finished or dropped at the next open.</summary>
public sealed class ChunkRewriteTests
{
    private const long T0 = 1795986000;
    private const string Schemas = "[all]\npattern = .*\nretentions = 10s:1h,1m:1d\n";
    private const int Series = 300, Points = 30;

    /// <summary>300 series x 30 points at 10 s; with <paramref name="checkpointEach"/> a checkpoint after every
    /// point, so every open chunk is stored again with one more point each time.</summary>
    private static async Task WriteAllAsync(StoreFixture f, bool checkpointEach)
    {
        for (int p = 0; p < Points; p++)
        {
            var batch = new Core.PointBatch(Series) { ArrivalTime = f.Time.Now };
            for (int s = 0; s < Series; s++) batch.Add($"host{s % 10}.cpu{s}", T0 + p * 10, s * 1000 + p * 0.5);
            f.Store.Write(batch);
            if (checkpointEach) await f.Store.CheckpointAsync();
        }
    }

    private static double[][] FetchAll(StoreFixture f) =>
        Enumerable.Range(0, Series)
            .SelectMany(s => new[] { (s, 10), (s, 60) })
            .Select(x => f.Fetch($"host{x.s % 10}.cpu{x.s}", T0 - (x.Item2 == 60 ? 7200 : 1), T0 + Points * 10, out _, out _))
            .ToArray();

    private static long ChunkFileBytes(StoreFixture f) =>
        new DirectoryInfo(Path.Combine(f.Options.DataDirectory, "chunks")).EnumerateFiles("chunks.*").Sum(x => x.Length);

    private static string[] DataFolders(StoreFixture f) =>
        Directory.GetDirectories(f.Options.DataDirectory).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public async Task Clean_shutdown_shrinks_a_store_of_rewritten_chunks_to_its_live_size()
    {
        await using var once = new StoreFixture(T0 + 300, Schemas);
        await WriteAllAsync(once, checkpointEach: false);
        await once.RestartAsync();
        long liveSize = ChunkFileBytes(once);

        await using var f = new StoreFixture(T0 + 300, Schemas);
        await WriteAllAsync(f, checkpointEach: true);
        var expected = FetchAll(f);
        long before = ChunkFileBytes(f);
        Assert.True(before > 10 * liveSize, $"{before} bytes before, {liveSize} live");

        await f.RestartAsync();
        long after = ChunkFileBytes(f);
        Assert.True(after <= liveSize + liveSize / 4, $"{after} bytes after the rewrite, {liveSize} live");
        Assert.Equal(["chunks", "wal"], DataFolders(f));
        Assert.Equal(expected, FetchAll(f));
        Assert.Equal(expected, FetchAll(once));
        Assert.Equal(Series, f.Store.Statistics.SeriesCount);

        // Nothing superseded now: the next shutdown keeps the files as they are.
        await f.RestartAsync();
        Assert.Equal(expected, FetchAll(f));
        Assert.True(ChunkFileBytes(f) <= after + after / 4);
    }

    [Fact]
    public async Task Points_after_a_rewritten_restart_survive_a_crash()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas);
        await WriteAllAsync(f, checkpointEach: true);
        await f.RestartAsync();
        f.Write(("host0.cpu0", T0 + Points * 10, 7), ("host1.new", T0 + Points * 10, 8));
        await f.CrashAndReopenAsync();
        Assert.Equal(7, f.Fetch("host0.cpu0", T0 + Points * 10 - 1, T0 + Points * 10, out _, out _)[0]);
        Assert.Equal(8, f.Fetch("host1.new", T0 + Points * 10 - 1, T0 + Points * 10, out _, out _)[0]);
        Assert.Equal(Points * 0.5 - 0.5, f.Fetch("host0.cpu0", T0 - 1, T0 + Points * 10, out _, out _)[Points - 1]);
    }

    /// <summary>A disk without room for the copy beside the store (here: a headroom larger than any disk) keeps the
    /// store as it is and loses nothing; the rewrite happens at a later shutdown that has room.</summary>
    [Fact]
    public async Task A_rewrite_without_room_on_the_disk_is_skipped_and_the_store_kept()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas, configure: o => o.ChunkRewriteHeadroomBytes = long.MaxValue / 4);
        await WriteAllAsync(f, checkpointEach: true);
        var expected = FetchAll(f);
        long before = ChunkFileBytes(f);

        await f.RestartAsync();

        // Not rewritten: the final checkpoint only added to it.
        Assert.True(ChunkFileBytes(f) >= before, $"{ChunkFileBytes(f)} bytes after the skipped rewrite, {before} before");
        Assert.Equal(expected, FetchAll(f));
        f.Options.ChunkRewriteHeadroomBytes = 0;
        await f.RestartAsync();
        Assert.True(ChunkFileBytes(f) < before / 4, $"{ChunkFileBytes(f)} bytes after the rewrite, {before} before");
        Assert.Equal(expected, FetchAll(f));
    }

    [Fact]
    public async Task Disabled_rewrite_keeps_the_superseded_records()
    {
        await using var f = new StoreFixture(T0 + 300, Schemas, configure: o => o.ChunkRewriteMaxKeys = 0);
        await WriteAllAsync(f, checkpointEach: true);
        long before = ChunkFileBytes(f);
        await f.RestartAsync();
        Assert.True(ChunkFileBytes(f) >= before);
    }

    public enum Interruption { WhileCopying, BeforeSwap, MidSwap }

    /// <summary>The folders a kill leaves at each step of the rewrite, rebuilt from a store closed without a
    /// rewrite (the old one) and the same store closed with one (the new one).</summary>
    [Theory]
    [InlineData(Interruption.WhileCopying)]
    [InlineData(Interruption.BeforeSwap)]
    [InlineData(Interruption.MidSwap)]
    public async Task An_interrupted_rewrite_is_finished_or_dropped_at_open(Interruption at)
    {
        await using var f = new StoreFixture(T0 + 300, Schemas, configure: o => o.ChunkRewriteMaxKeys = 0);
        await WriteAllAsync(f, checkpointEach: true);
        var expected = FetchAll(f);
        await f.Store.DisposeAsync();
        string chunks = Path.Combine(f.Options.DataDirectory, "chunks");
        string old = Path.Combine(f.Directory, "old-chunks");
        CopyFolder(chunks, old);
        f.Options.ChunkRewriteMaxKeys = 250_000;
        await f.ReopenAsync();
        await f.Store.DisposeAsync();
        long rewrittenSize = ChunkFileBytes(f);
        switch (at)
        {
            case Interruption.WhileCopying:
                // The copy is incomplete (here: its checkpoint is missing), the old store is in place.
                Directory.Move(chunks, chunks + ".rewriting");
                Directory.Delete(Path.Combine(chunks + ".rewriting", "checkpoints"), recursive: true);
                Directory.Move(old, chunks);
                break;
            case Interruption.BeforeSwap:
                Directory.Move(chunks, chunks + ".rewritten");
                Directory.Move(old, chunks);
                break;
            case Interruption.MidSwap:
                Directory.Move(chunks, chunks + ".rewritten");
                Directory.Move(old, chunks + ".superseded");
                break;
        }
        f.Options.ChunkRewriteMaxKeys = 0;
        await f.ReopenAsync();
        Assert.Equal(["chunks", "wal"], DataFolders(f));
        Assert.Equal(expected, FetchAll(f));
        if (at != Interruption.WhileCopying) Assert.Equal(rewrittenSize, ChunkFileBytes(f));
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (string dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }
}
