using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tests;

/// <summary>Growing the chunk store's hash index keeps every key readable, also when reads from disk have put
/// records in FASTER's read cache (FASTER 2.6.5 splits such index entries into the wrong bucket).</summary>
public sealed class ChunkIndexGrowthTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tsdb-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    // 4 KiB of log in memory (about 170 records): nearly every read of 5,000 keys goes to disk and through the
    // read cache.
    private ChunkStore Open() => ChunkStore.Open(_folder, new StorageOptions
    {
        DataDirectory = "unused",
        ChunkPageSizeBits = 10,
        ChunkMemorySizeBits = 12,
        ChunkSegmentSizeBits = 16,
        ChunkReadCacheSizeBits = 16,
        ChunkIndexSizeBytes = 1 << 12,
    }, NullLogger.Instance, out _);

    private static readonly long[] Keys = Enumerable.Range(0, 5000).Select(i => ChunkKey.Chunk(i / 10, 0, 2_000_000 + i % 10)).ToArray();

    private static void AssertAllRead(ChunkStore store)
    {
        var values = store.Read(Keys);
        var missing = Keys.Where((k, i) => values[i] is not { } v || BitConverter.ToInt64(v) != k).ToArray();
        Assert.True(missing.Length == 0, $"{missing.Length} of {Keys.Length} keys not read back");
    }

    /// <summary>A store holding <see cref="Keys"/> (each key's bytes as its value) in its checkpoint, closed, so
    /// the next open reads them from the log file (through the read cache).</summary>
    private async Task WriteKeysAndCheckpointAsync()
    {
        using var store = Open();
        foreach (long key in Keys) store.Upsert(key, BitConverter.GetBytes(key));
        await store.CheckpointAsync();
    }

    [Fact]
    public async Task Keys_read_through_the_read_cache_survive_index_growth_and_a_restart()
    {
        await WriteKeysAndCheckpointAsync();
        using (var store = Open())
        {
            AssertAllRead(store);
            long before = store.IndexBytes;
            store.GrowIndexFor(Keys.Length * 4L);
            Assert.True(store.IndexBytes > before);
            AssertAllRead(store);
            await store.CheckpointAsync();
        }
        using (var store = Open()) AssertAllRead(store);
    }

    [Fact]
    public async Task Readers_running_while_the_index_grows_read_every_key()
    {
        await WriteKeysAndCheckpointAsync();
        using (var store = Open())
        {
            using var stop = new CancellationTokenSource();
            var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                int rounds = 0;
                while (!stop.IsCancellationRequested || rounds == 0)
                {
                    AssertAllRead(store);
                    rounds++;
                }
                return rounds;
            })).ToArray();
            for (int doubling = 1; doubling <= 4; doubling++)
            {
                await Task.Delay(50);
                store.GrowIndexFor(Keys.Length << doubling);
            }
            stop.Cancel();
            await Task.WhenAll(readers);
            AssertAllRead(store);
            await store.CheckpointAsync();
        }
        using (var store = Open()) AssertAllRead(store);
    }
}
