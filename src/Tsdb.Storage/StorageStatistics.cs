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
    DateTimeOffset? LastCheckpoint)
{
    /// <summary>Absolute WAL tail address: every point counted in <see cref="PointsWritten"/> before this
    /// snapshot was appended below it.</summary>
    public long WalTailAddress { get; init; }

    /// <summary>Absolute address the last WAL commit covers: whatever was appended below it survives kill -9.</summary>
    public long WalCommittedAddress { get; init; }

    /// <summary>Bytes of the chunks the sweeps dropped from memory so far: their objects, garbage until the next full
    /// GC, which the GC's own figures do not count as unused, and their values, native memory that the C allocator
    /// keeps for reuse until it is trimmed. The memory trim counts both.</summary>
    public long ChunkBytesEvicted { get; init; }
}
