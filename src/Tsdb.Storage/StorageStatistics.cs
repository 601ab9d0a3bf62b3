namespace Tsdb.Storage;

/// <summary>A point-in-time snapshot of the store's counters (for self-metrics).</summary>
public sealed record StorageStatistics(
    int SeriesCount,
    long PointsWritten,
    long PointsDroppedTooOld,
    long PointsDroppedInvalid,
    long ChunksSealed,
    long ChunksRewritten,
    long ChunksExpired,
    long WalBytes,
    long WalUncommittedBytes,
    long WalRecordsReplayed,
    long ChunkLogBytes,
    long Checkpoints,
    DateTimeOffset? LastCheckpoint);
