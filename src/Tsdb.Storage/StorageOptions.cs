namespace Tsdb.Storage;

/// <summary>
/// Options of the storage layer (section "Storage" of the server config). Sizes of FASTER buffers are
/// powers of two given as bit counts; the small defaults for tests are set by the tests, not here.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>Folder holding the WAL (wal/) and the chunk store with its checkpoints (chunks/). Required.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>carbon storage-schemas.conf; null = built-in default 1s:1d,1m:30d,5m:1y.</summary>
    public string? SchemasFile { get; set; }

    /// <summary>carbon storage-aggregation.conf; null = built-in default average, xFilesFactor 0.</summary>
    public string? AggregationFile { get; set; }

    /// <summary>How often the WAL is committed (made durable); a kill -9 loses at most this much.</summary>
    public TimeSpan WalCommitInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often chunks are checkpointed and the WAL truncated; also bounds replay time.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often open chunks whose window has passed are sealed (encoded and stored once).</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Longest piece of a timed sweep under the write gate; the writer gets at least as long between two
    /// pieces (see TsdbStore.Sweep.cs). Zero: 64 series per piece (tests).</summary>
    public TimeSpan SweepSliceTime { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>How long the rollup of written points into coarser archives may be deferred, so a series
    /// written many times in that span is rolled up once per touched bucket, not once per point. Reads of a
    /// coarser archive roll up their series first, so this never shows stale data.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Whole seconds over which the timed rollup spreads the buckets that have just passed, by series id
    /// (see TsdbStore.RollupPending): a fleet's minutes all pass in the same second. A coarser archive whose step is
    /// shorter spreads over its step instead (TsdbStore.Turn). Zero: each as soon as it has passed (tests that count
    /// the chunks rollups create). Reads never see the delay.</summary>
    public TimeSpan RollupSpread { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>WAL page (1 MiB): an entry holds at most half a page (about 40,000 points).</summary>
    public int WalPageSizeBits { get; set; } = 20;

    /// <summary>WAL buffer (16 MiB). 64 MiB took the writer's FasterLog.Enqueue waits off a busy disk, but one
    /// kill -9 after a 1 M-series load then left a WAL whose first 16 segments were gone (the rest replayed
    /// nothing); 16 MiB replayed every record in the same test, so it stays until that is understood.</summary>
    public int WalMemorySizeBits { get; set; } = 24;

    /// <summary>WAL segment file (1 MiB): truncation after a checkpoint deletes whole segments only, so
    /// this bounds the WAL left on disk once settled.</summary>
    public int WalSegmentSizeBits { get; set; } = 20;

    public int ChunkPageSizeBits { get; set; } = 16;
    public int ChunkMemorySizeBits { get; set; } = 24;
    public int ChunkSegmentSizeBits { get; set; } = 28;

    /// <summary>FASTER's read cache for chunks read from disk, in bits of its record memory (2^20 = 1 MiB, about
    /// 40,000 chunk records of 24 bytes, plus the chunks' bytes themselves, ~0.5 KiB each: ~25 MB when full);
    /// 0 = off. A Grafana dashboard re-reads the same sealed chunks on every refresh: without the cache each
    /// read of a chunk no longer in the log's memory went to the device (a third of a 6 h panel's time).</summary>
    public int ChunkReadCacheSizeBits { get; set; } = 20;

    /// <summary>Initial FASTER hash index size in bytes (a power of two, at least 512). A checkpoint writes
    /// the whole index, so it starts small and doubles at checkpoints as the number of stored chunks grows
    /// (a 64-byte bucket per 8 chunks); a store recovers with the size its checkpoint has. 4 KiB (512 keys):
    /// 64 KiB was most of a small store's settled folder (a collectl host's hour: 72 of 485 KB).</summary>
    public long ChunkIndexSizeBytes { get; set; } = 1L << 12;

    /// <summary>When the chunk log's on-disk part exceeds this, a checkpoint compacts its older half.</summary>
    public long ChunkCompactionThresholdBytes { get; set; } = 1L << 30;

    /// <summary>A clean shutdown rewrites the chunk store without its superseded records (when they are at least
    /// an eighth of the log) only while it has at most this many live keys (a catalog record per series, a
    /// stored chunk per window): the rewrite reads each, about 30 µs a key, so 250,000 bounds it near 8 s
    /// (the e2e run's 10,000 series have 50,000-60,000). 0 = never.</summary>
    public long ChunkRewriteMaxKeys { get; set; } = 250_000;

    /// <summary>Free space a rewrite must leave beside its copy, counting the copy as large as the store: with less
    /// the rewrite is skipped (logged), since filling the disk would fail it and, for a moment, everything else on
    /// that disk.</summary>
    public long ChunkRewriteHeadroomBytes { get; set; } = 64L << 20;

    /// <summary>Tests only: new chunk stores use FASTER's default key hash and no format marker, as every store
    /// written before the marker existed (see docs/storage-layout.md, Keys).</summary>
    internal bool LegacyChunkKeyHashing { get; set; }

    /// <summary>Pending rollups held in series' lists (a backfill's or a replay's many buckets) at which the writer
    /// rolls every series up at once, to bound their memory (16 bytes each). Settable for tests only.</summary>
    internal int MaxListedPendingRollups { get; set; } = 1 << 20;

    /// <exception cref="StorageConfigurationException">Naming the first invalid option.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
            throw Invalid(nameof(DataDirectory), "is required");
        if (SchemasFile is not null && !File.Exists(SchemasFile))
            throw Invalid(nameof(SchemasFile), $"'{SchemasFile}' does not exist");
        Positive(WalCommitInterval, nameof(WalCommitInterval));
        Positive(CheckpointInterval, nameof(CheckpointInterval));
        Positive(SealInterval, nameof(SealInterval));
        Positive(RollupInterval, nameof(RollupInterval));
        if (SweepSliceTime < TimeSpan.Zero) throw Invalid(nameof(SweepSliceTime), $"must not be negative (got {SweepSliceTime})");
        if (RollupSpread < TimeSpan.Zero || RollupSpread >= TimeSpan.FromMinutes(1))
            throw Invalid(nameof(RollupSpread), $"must be 0 to 59 s, under the step of a minute archive (got {RollupSpread})");
        Buffer(WalPageSizeBits, WalMemorySizeBits, WalSegmentSizeBits, "Wal");
        Buffer(ChunkPageSizeBits, ChunkMemorySizeBits, ChunkSegmentSizeBits, "Chunk");
        if (ChunkReadCacheSizeBits != 0 && (ChunkReadCacheSizeBits < ChunkPageSizeBits || ChunkReadCacheSizeBits > 34))
            throw Invalid(nameof(ChunkReadCacheSizeBits), $"must be 0 (off) or {ChunkPageSizeBits}..34 (at least one page)");
        if (ChunkIndexSizeBytes < 512 || (ChunkIndexSizeBytes & (ChunkIndexSizeBytes - 1)) != 0)
            throw Invalid(nameof(ChunkIndexSizeBytes), "must be a power of two of at least 512");
        if (ChunkCompactionThresholdBytes <= 0)
            throw Invalid(nameof(ChunkCompactionThresholdBytes), "must be positive");
        if (ChunkRewriteMaxKeys < 0)
            throw Invalid(nameof(ChunkRewriteMaxKeys), "must not be negative");
        if (ChunkRewriteHeadroomBytes < 0)
            throw Invalid(nameof(ChunkRewriteHeadroomBytes), "must not be negative");
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero) throw Invalid(name, $"must be positive (got {value})");
    }

    private static void Buffer(int page, int memory, int segment, string prefix)
    {
        if (page is < 9 or > 30) throw Invalid(prefix + "PageSizeBits", $"must be in [9, 30] (got {page})");
        if (memory < page + 1 || memory > 40)
            throw Invalid(prefix + "MemorySizeBits", $"must be in [{prefix}PageSizeBits + 1, 40] (got {memory})");
        if (segment < page || segment > 40)
            throw Invalid(prefix + "SegmentSizeBits", $"must be in [{prefix}PageSizeBits, 40] (got {segment})");
    }

    private static StorageConfigurationException Invalid(string option, string message) =>
        new($"Storage option {option} {message}");
}
