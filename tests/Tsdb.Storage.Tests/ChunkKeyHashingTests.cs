using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage.Internal;
using Xunit.Abstractions;

namespace Tsdb.Storage.Tests;

/// <summary>The chunk store's key hashing (docs/storage-layout.md, Keys): new stores use the mixed hash and say so in
/// a marker file; stores without one (written before it existed) keep opening with FASTER's default hash and keep
/// every key readable, including after their index grows; a clean shutdown rewrites them with the mixed hash.</summary>
public sealed class ChunkKeyHashingTests(ITestOutputHelper output) : IDisposable
{
    private const long T0 = 1795986000;
    private const string Schemas = "[all]\npattern = .*\nretentions = 10s:1h,1m:1d\n";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "tsdb-storage-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    private static StorageOptions ChunkOptions(bool legacy) => new()
    {
        DataDirectory = "unused",
        ChunkPageSizeBits = 16,
        ChunkMemorySizeBits = 24,
        ChunkSegmentSizeBits = 24,
        LegacyChunkKeyHashing = legacy,
    };

    private ChunkStore OpenChunks(string name, bool legacy) =>
        ChunkStore.Open(Path.Combine(_folder, name), ChunkOptions(legacy), NullLogger.Instance, out _);

    /// <summary>The keys of the panel benchmark's store: 3,000 series with 30 windows of 1 s data (6 h), a window of
    /// each rollup archive and a catalog record, plus the meta record.</summary>
    private static long[] PanelStoreKeys()
    {
        long firstWindow = (T0 - 6 * 3600) / 720;
        var keys = new List<long> { ChunkKey.Meta };
        for (int s = 0; s < 3000; s++)
        {
            keys.Add(ChunkKey.Catalog(s));
            for (long w = firstWindow; w < firstWindow + 30; w++) keys.Add(ChunkKey.Chunk(s, 0, w));
            keys.Add(ChunkKey.Chunk(s, 1, T0 / 43200));
            keys.Add(ChunkKey.Chunk(s, 2, T0 / 216000));
        }
        return [.. keys];
    }

    private static byte[] ValueOf(long key) => BitConverter.GetBytes(key);

    /// <summary>Index entries (distinct bucket and tag) and the longest bucket chain in entries, from FASTER's
    /// distribution dump: a lookup scans its bucket chain for the tag (7 entries per 64-byte bucket), then walks the
    /// log records that share the entry.</summary>
    private static (long Entries, int LongestChain) Distribution(ChunkStore store)
    {
        string dump = store.IndexDistribution();
        long entries = long.Parse(System.Text.RegularExpressions.Regex.Match(dump, @"entry count: \{(\d+)\}").Groups[1].Value);
        int longest = System.Text.RegularExpressions.Regex.Matches(dump, @"^\s+(\d+) : \d+$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Max(m => int.Parse(m.Groups[1].Value));
        return (entries, longest);
    }

    [Fact]
    public async Task Mixed_hashing_spreads_the_keys_and_a_new_store_reads_back_after_restart()
    {
        var keys = PanelStoreKeys();
        var found = new Dictionary<bool, (long Entries, int LongestChain, long Overflow)>();
        foreach (bool legacy in new[] { true, false })
        {
            string name = legacy ? "legacy" : "mixed";
            using (var store = OpenChunks(name, legacy))
            {
                Assert.Equal(legacy ? ChunkKeyHashing.Legacy : ChunkKeyHashing.Mixed, store.KeyHashing);
                store.GrowIndexFor(keys.Length);
                foreach (long key in keys) store.Upsert(key, ValueOf(key));
                var (entries, longest) = Distribution(store);
                found[legacy] = (entries, longest, store.OverflowBuckets);
                output.WriteLine($"{name}: {keys.Length} keys, {store.IndexBytes / 64} buckets, {store.OverflowBuckets} overflow " +
                    $"buckets, {entries} distinct entries, longest chain {longest} entries");
                await store.CheckpointAsync();
            }
            using var reopened = OpenChunks(name, legacy: false);
            Assert.Equal(legacy ? ChunkKeyHashing.Legacy : ChunkKeyHashing.Mixed, reopened.KeyHashing);
            Assert.Equal(found[legacy].Overflow, reopened.OverflowBuckets);
            Assert.Equal(keys.Select(ValueOf), reopened.Read(keys));
        }
        // Legacy: the keys pile into a few dozen buckets (chains of ~2,300 entries) and a quarter share a tag with
        // another key; mixed: almost every key has its own entry and no chain is longer than three buckets.
        Assert.True(found[true].LongestChain > 1000 && found[true].Entries < keys.Length * 0.8, $"legacy {found[true]}");
        Assert.True(found[false].LongestChain <= 21 && found[false].Entries > keys.Length * 0.999, $"mixed {found[false]}");
        Assert.True(found[false].Overflow * 2 < found[true].Overflow, $"mixed {found[false]}, legacy {found[true]}");
    }

    [Fact]
    public async Task The_marker_decides_the_hashing_a_store_is_read_with()
    {
        var keys = PanelStoreKeys()[..5000];
        using (var store = OpenChunks("store", legacy: true))
        {
            foreach (long key in keys) store.Upsert(key, ValueOf(key));
            await store.CheckpointAsync();
        }
        string marker = Path.Combine(_folder, "store", "key-hashing");
        Assert.False(File.Exists(marker));

        // A legacy index read with the mixed hash finds (almost) nothing: the marker is what keeps old stores readable.
        File.WriteAllText(marker, "mix64\n");
        using (var mislabelled = OpenChunks("store", legacy: false))
            Assert.True(mislabelled.Read(keys).Count(v => v is not null) < keys.Length / 10);

        File.WriteAllText(marker, "hash-of-a-newer-version\n");
        Assert.Throws<InvalidDataException>(() => OpenChunks("store", legacy: false));
        Assert.Equal(["store"], Directory.GetDirectories(_folder).Select(Path.GetFileName));
    }

    private static void WriteSeries(StoreFixture f, int from, int count, int points)
    {
        for (int p = 0; p < points; p++)
        {
            var batch = new Core.PointBatch(count) { ArrivalTime = f.Time.Now };
            for (int s = from; s < from + count; s++) batch.Add($"host{s % 10}.cpu{s}", T0 + p * 10, s * 1000 + p * 0.5);
            f.Store.Write(batch);
        }
    }

    private static double[][] FetchAll(StoreFixture f, int series) =>
        Enumerable.Range(0, series)
            .SelectMany(s => new[] { (s, 10), (s, 60) })
            .Select(x => f.Fetch($"host{x.s % 10}.cpu{x.s}", T0 - (x.Item2 == 60 ? 7200 : 1), T0 + 300, out _, out _))
            .ToArray();

    private static string? Marker(StoreFixture f)
    {
        string path = Path.Combine(f.Options.DataDirectory, "chunks", "key-hashing");
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    [Fact]
    public async Task A_legacy_store_keeps_working_grows_and_is_migrated_by_a_clean_shutdown_rewrite()
    {
        // As written before the marker existed: FASTER's default hash, no marker.
        await using var f = new StoreFixture(T0 + 300, Schemas, configure: o =>
        {
            o.LegacyChunkKeyHashing = true;
            o.ChunkRewriteMaxKeys = 0;
        });
        WriteSeries(f, 0, 300, 30);
        await f.Store.CheckpointAsync();
        long indexBefore = f.Store.ChunkIndexBytes;
        await f.RestartAsync();
        Assert.Null(Marker(f));

        // Opened by this version (rewrite still off): legacy hashing kept, everything read back, and the index grows
        // with 600 more series without losing a key.
        f.Options.LegacyChunkKeyHashing = false;
        await f.RestartAsync();
        Assert.Null(Marker(f));
        WriteSeries(f, 300, 600, 30);
        var expected = FetchAll(f, 900);
        await f.RestartAsync();
        Assert.True(f.Store.ChunkIndexBytes > indexBefore, $"index {f.Store.ChunkIndexBytes} bytes, was {indexBefore}");
        Assert.Null(Marker(f));
        Assert.Equal(expected, FetchAll(f, 900));

        // A clean shutdown with the rewrite allowed migrates it, though nothing is superseded.
        f.Options.ChunkRewriteMaxKeys = 250_000;
        await f.RestartAsync();
        Assert.Equal("mix64", Marker(f));
        Assert.Equal(expected, FetchAll(f, 900));
        Assert.Equal(900, f.Store.Statistics.SeriesCount);

        // Migrated: later restarts and a crash keep the mixed store as it is.
        await f.RestartAsync();
        f.Write(("host0.cpu0", T0 + 300, 7));
        await f.CrashAndReopenAsync();
        Assert.Equal("mix64", Marker(f));
        Assert.Equal(7, f.Fetch("host0.cpu0", T0 + 299, T0 + 300, out _, out _)[0]);
        Assert.Equal(expected[2..], FetchAll(f, 900)[2..]);
    }
}
