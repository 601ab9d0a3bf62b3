using Tsdb.Storage.Chunks;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Internal;

/// <summary>
/// In-memory state of one series. Threading: only the writer thread mutates; it takes the lock on this
/// object around every mutation of <see cref="ArchiveState.Open"/> / <see cref="ArchiveState.StoredWindows"/>
/// and of chunk contents, and readers take the same lock while they copy from them.
/// </summary>
internal sealed class SeriesState
{
    public SeriesState(int id, string name, SeriesSchema schema)
    {
        Id = id;
        Name = name;
        Schema = schema;
        Archives = new ArchiveState[schema.Archives.Count];
        for (int i = 0; i < Archives.Length; i++)
            Archives[i] = new ArchiveState(schema.Archives[i], schema.ChunkWindows[i]);
    }

    public int Id { get; }
    public string Name { get; }
    public SeriesSchema Schema { get; }
    public ArchiveState[] Archives { get; }

    /// <summary>The id→name mapping is durable: in the catalog, or defined by a WAL entry already encoded
    /// (writer thread only). WAL entries name a series until this is set, then carry only its id.</summary>
    public bool InWal { get; set; }

    /// <summary>The catalog record in the store is out of date (writer thread only).</summary>
    public bool CatalogDirty { get; set; }

    /// <summary>(archive, timestamp aligned to the next coarser archive's step) written directly since the
    /// last rollup of this series, in arrival order, consecutive duplicates skipped. Mutated under the write
    /// gate only; readers may read <c>Count</c> without it to decide whether to ask for a rollup.</summary>
    public List<(int Archive, long Timestamp)> PendingRollups { get; } = [];

    /// <summary>The series is in the store's list of series with pending rollups (write gate held).</summary>
    public bool RollupQueued { get; set; }
}

/// <summary>One archive of a series: chunks held in memory (recent or being modified) and the window
/// indices of chunks present in the chunk store.</summary>
internal sealed class ArchiveState(ArchiveSpec spec, long window)
{
    public ArchiveSpec Spec { get; } = spec;
    public long Window { get; } = window;
    public List<SeriesChunk> Open { get; } = [];

    /// <summary>The open chunk written last (writer thread only): a live feed writes the same chunk again
    /// and again. Cleared whenever that chunk leaves <see cref="Open"/>.</summary>
    public SeriesChunk? LastWritten { get; set; }
    public List<long> StoredWindows { get; } = [];

    public long WindowIndex(long alignedTimestamp) => alignedTimestamp / Window;

    public SeriesChunk? FindOpen(long windowStart)
    {
        foreach (var c in Open) if (c.WindowStart == windowStart) return c;
        return null;
    }

    public bool IsStored(long windowIndex) => StoredWindows.BinarySearch(windowIndex) >= 0;

    public void MarkStored(long windowIndex)
    {
        int i = StoredWindows.BinarySearch(windowIndex);
        if (i < 0) StoredWindows.Insert(~i, windowIndex);
    }
}
