using Tsdb.Storage.Chunks;

namespace Tsdb.Storage.Tests;

/// <summary>
/// Chunks hold their values in native memory, which nothing collects: every chunk the store drops (a sweep's
/// eviction, a restart, a crash's abandon, the final close) must free it. Measured with the process-wide count of
/// chunks' native bytes, so these tests run alone.
/// </summary>
[Collection(nameof(ProcessNativeMemoryCollection))]
public sealed class ChunkNativeMemoryTests
{
    // 2026-11-26 21:00:00 UTC, a multiple of 3600.
    private const long T0 = 1795986000;
    private const string Schemas = "[x]\npattern = .\nretentions = 1s:10m,1m:1d,5m:7d\n";

    private static void Write30Seconds(StoreFixture f, long end)
    {
        for (long t = end - 30; t < end; t++) f.Write(("a", t, t), ("b", t, 1), ("c.d", t, 0.5));
    }

    [Fact]
    public async Task Evicted_chunks_free_their_values_and_so_does_every_way_of_closing_the_store()
    {
        long before = SeriesChunk.NativeBytesHeld;
        var f = new StoreFixture(T0, Schemas, configure: o =>
        {
            o.SealInterval = TimeSpan.FromSeconds(60);
            o.RollupSpread = TimeSpan.Zero;
        });
        try
        {
            Write30Seconds(f, T0);
            Assert.True(SeriesChunk.NativeBytesHeld - before >= 3 * 8 * 30);

            // Nobody writes: two timed sweeps evict every chunk.
            f.Time.Now = T0 + 61;
            await f.Store.SweepIfIdleAsync();
            f.Time.Now = T0 + 122;
            await f.Store.SweepIfIdleAsync();
            Assert.Equal(0, f.Store.OpenChunkCount);
            Assert.Equal(before, SeriesChunk.NativeBytesHeld);

            // A late point reads its stored chunk back (read-modify-write), then a clean restart.
            f.Write(("a", T0 - 1, 100));
            Assert.True(SeriesChunk.NativeBytesHeld > before);
            await f.RestartAsync();
            Assert.Equal(before, SeriesChunk.NativeBytesHeld);
            Assert.Equal(100.0, f.Fetch("a", T0 - 2, T0 - 1, out _, out _)[0]);

            // The WAL replay after a crash builds chunks again; the abandoned store had its own.
            Write30Seconds(f, T0 + 200);
            await f.CrashAndReopenAsync();
            long replayed = SeriesChunk.NativeBytesHeld - before;
            Assert.True(replayed >= 3 * 8 * 30, $"{replayed} bytes after the replay");
        }
        finally
        {
            await f.DisposeAsync();
        }
        Assert.Equal(before, SeriesChunk.NativeBytesHeld);
    }
}

[CollectionDefinition(nameof(ProcessNativeMemoryCollection), DisableParallelization = true)]
public sealed class ProcessNativeMemoryCollection;
