using Microsoft.Extensions.Logging;

namespace Tsdb.Storage;

/// <summary>Storage log messages; event ids 3000-3099.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(3000, LogLevel.Warning, "{File}: section [{Section}] skipped: {Reason}")]
    public static partial void SchemaSkipped(ILogger logger, string file, string section, string reason);

    [LoggerMessage(3001, LogLevel.Warning, "{File} not found or wrong perms, ignoring ({Reason})")]
    public static partial void AggregationFileMissing(ILogger logger, string file, string reason);

    [LoggerMessage(3010, LogLevel.Information, "Storage opened: {Series} series from checkpoint, {Records} WAL records replayed from address {From}")]
    public static partial void Opened(ILogger logger, int series, long records, long from);

    [LoggerMessage(3016, LogLevel.Information, "Recovery expects to allocate {ExpectedMiB} MiB: garbage collection held off until it is done: {Started}")]
    public static partial void RecoveryGcPause(ILogger logger, long expectedMiB, bool started);

    [LoggerMessage(3011, LogLevel.Error, "WAL could not be recovered; moved to {MovedTo}, starting an empty WAL")]
    public static partial void WalUnrecoverable(ILogger logger, Exception e, string movedTo);

    [LoggerMessage(3012, LogLevel.Error, "Chunk store checkpoint could not be recovered; moved to {MovedTo}, starting empty")]
    public static partial void CheckpointUnrecoverable(ILogger logger, Exception e, string movedTo);

    [LoggerMessage(3013, LogLevel.Warning, "WAL replay stopped at address {Address}: {Reason}; the rest of the WAL is discarded")]
    public static partial void WalTailDiscarded(ILogger logger, long address, string reason);

    [LoggerMessage(3014, LogLevel.Warning, "Catalog record of series {Id} is missing or damaged; that series is dropped")]
    public static partial void CatalogRecordLost(ILogger logger, int id);

    [LoggerMessage(3015, LogLevel.Warning, "Chunk {Key} of series {Name} is damaged and is skipped: {Reason}")]
    public static partial void ChunkDamaged(ILogger logger, long key, string name, string reason);

    [LoggerMessage(3016, LogLevel.Information, "Chunk store recovered: {Hashing} key hashing, {Buckets} index buckets, {OverflowBuckets} overflow buckets")]
    public static partial void ChunkStoreOpened(ILogger logger, Internal.ChunkKeyHashing hashing, long buckets, long overflowBuckets);

    [LoggerMessage(3020, LogLevel.Information, "Checkpoint taken: {Series} series, WAL covered until {WalAddress}, {Expired} chunks expired; {Seconds:F1} s in {Slices} slices beside the writer")]
    public static partial void CheckpointTaken(ILogger logger, int series, long walAddress, int expired, double seconds, int slices);

    [LoggerMessage(3021, LogLevel.Error, "Checkpoint failed")]
    public static partial void CheckpointFailed(ILogger logger, Exception e);

    [LoggerMessage(3022, LogLevel.Error, "WAL commit failed")]
    public static partial void WalCommitFailed(ILogger logger, Exception e);

    [LoggerMessage(3023, LogLevel.Information, "Chunk log compacted until {Address}")]
    public static partial void Compacted(ILogger logger, long address);

    [LoggerMessage(3024, LogLevel.Error, "Timed sweep of idle chunks failed")]
    public static partial void SweepFailed(ILogger logger, Exception e);

    [LoggerMessage(3025, LogLevel.Information, "Chunk store rewritten without superseded records: {Records} records, {Live} live kept")]
    public static partial void ChunksRewritten(ILogger logger, long records, long live);

    [LoggerMessage(3026, LogLevel.Error, "Chunk store rewrite failed; the store is kept as it is")]
    public static partial void ChunkRewriteFailed(ILogger logger, Exception e);

    [LoggerMessage(3029, LogLevel.Warning, "Chunk store rewrite skipped: it needs up to {NeededMb} MB free beside the store and the disk has {FreeMb} MB; the store is kept as it is")]
    public static partial void ChunkRewriteSkippedForSpace(ILogger logger, long neededMb, long freeMb);

    [LoggerMessage(3027, LogLevel.Critical, "Storage failed: {Reason}. Nothing more is written: incoming points are dropped and counted " +
        "(pointsDroppedStorageFailed in /health), checkpoints are skipped, queries answer from what is in memory. " +
        "Restart the server once the data folder and its disk are back; the WAL replays what was committed")]
    public static partial void StorageFailed(ILogger logger, string reason);

    [LoggerMessage(3028, LogLevel.Error, "Final checkpoint skipped: {Reason}")]
    public static partial void FinalCheckpointSkipped(ILogger logger, string reason);
}
