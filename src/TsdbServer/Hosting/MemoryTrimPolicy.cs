namespace TsdbServer.Hosting;

/// <summary>The GC figures a trim decision needs (bytes): committed memory as of the last collection, the heap
/// and its free-list holes as of the last FULL collection (a gen0 collection's heap size counts every dead
/// gen2 object as in use), and what is allocated now.</summary>
public readonly record struct GcMemoryFigures(long Committed, long HeapSize, long Fragmented, long AllocatedNow)
{
    /// <summary>Bytes the last full GC found in use: the heap minus its free-list holes.</summary>
    public long Live => Math.Max(0, HeapSize - Fragmented);

    /// <summary>Memory a compacting collection could give back: committed memory (or what is allocated now, when
    /// no GC ran since a burst) above the live heap.</summary>
    public long Unused => Math.Max(0, Math.Max(Committed, AllocatedNow) - Live);

    /// <summary>Committed memory above the live heap, both as of the last collections: what a compaction gives back
    /// for sure. Objects allocated since (which <see cref="Unused"/> counts) may all be live.</summary>
    public long UnusedCommitted => Math.Max(0, Committed - Live);

    public static GcMemoryFigures Current()
    {
        var last = GC.GetGCMemoryInfo(GCKind.Any);
        var blocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        var background = GC.GetGCMemoryInfo(GCKind.Background);
        var full = blocking.Index >= background.Index ? blocking : background;
        if (full.Index == 0) full = last;
        return new(last.TotalCommittedBytes, full.HeapSizeBytes, full.FragmentedBytes, GC.GetTotalMemory(forceFullCollection: false));
    }
}

/// <summary>What one check decided: nothing, a background full collection (points flow), or a compacting one that
/// decommits (the store is quiet).</summary>
public enum MemoryTrim
{
    None,
    Background,
    Compacting,
}

/// <summary>
/// When to hand memory back to the system with a compacting, decommitting full GC. Creating series in a burst
/// (a million new names, or the WAL replay of a restart) leaves far more committed memory than the objects that
/// stay, and idle series' chunks are evicted only later; the GC keeps the freed memory for reuse, so a server
/// that then sits idle showed about twice its live heap as RSS (1.8 KiB per idle series at 1 M series). A
/// compacting collection of a 1 GB heap pauses every thread for about a second, so it runs
/// <list type="bullet">
/// <item>when the store has become quiet (fewer points written per check than there are series, i.e. most
/// series idle, and no series created) for <see cref="QuietDelay"/> (the server uses none: memory right after
/// a burst is what a user sees first), for the committed memory the last collections found unused;</item>
/// <item>once more in the same quiet period for each wave of evictions worth it: when the sweeps dropped chunks
/// of a quarter of the live heap (at least <see cref="MinUnusedBytes"/>) since the last trim and have stopped
/// dropping. Only the store's evictions count here: a trim in the middle of a wave (a sweep of a million idle
/// series evicts for minutes while other series are written) or for the sweep's own deferred rollups (which
/// the GC's figures show as unused until they are marked live) paused for nothing;</item>
/// <item>in a quiet period never while a sweep is evicting: once when it is done;</item>
/// <item>while points flow for known series (not while series are created) only when the unused memory exceeds
/// the live heap, at most once per
/// <see cref="BusySpacing"/>, and then as a background collection (<see cref="MemoryTrim.Background"/>), which
/// frees what is dead without stopping the writer: a compacting one paused every thread 150 ms at 100,000 series
/// and up to a second at a million: all of the second a point may take to become readable.</item>
/// </list>
/// Never for less than <see cref="MinUnusedBytes"/>: a small server has nothing worth a pause.
/// </summary>
public sealed class MemoryTrimPolicy(TimeSpan quietDelay)
{
    public const long MinUnusedBytes = 64L << 20;
    public static readonly TimeSpan BusySpacing = TimeSpan.FromMinutes(10);

    public TimeSpan QuietDelay { get; } = quietDelay;

    private DateTimeOffset? _lastBusyTrim, _quietSince;
    private bool _trimmedWhileQuiet;
    private long _evictedSinceTrim;
    private int _seriesAtLastCheck;

    /// <summary>Decides for one check; <paramref name="pointsWritten"/> is the store's count since the previous check,
    /// <paramref name="chunkBytesEvicted"/> the bytes of chunks its sweeps dropped since then (objects that the GC's
    /// figures count as live until its next full collection, which a quiet server may not run for long, and values
    /// that the C allocator keeps until it is trimmed).
    /// An answer other than <see cref="MemoryTrim.None"/> is taken to mean the caller collects now and then calls
    /// <see cref="Trimmed"/>.</summary>
    public MemoryTrim Decide(GcMemoryFigures gc, long pointsWritten, int series, DateTimeOffset now, long chunkBytesEvicted = 0)
    {
        _evictedSinceTrim += chunkBytesEvicted;
        // Series still being created are a load in progress, however few points it stored per series so far
        // (a million new names arrive at a fraction of the rate of points for known ones).
        bool creating = series > _seriesAtLastCheck;
        _seriesAtLastCheck = series;
        if (pointsWritten >= series || creating)
        {
            _quietSince = null;
            _trimmedWhileQuiet = false;
            _evictedSinceTrim = 0;
            // Series being created: what was allocated since the last full collection is mostly their state, all
            // live, so the figures promise memory a collection would not free; and the background collection took a
            // core for 0.25-0.3 s of the seconds in which a fleet's new series are written (5,000 new collectl nodes).
            if (creating) return MemoryTrim.None;
            if (gc.Unused < MinUnusedBytes || gc.Unused <= gc.Live) return MemoryTrim.None;
            if (_lastBusyTrim is { } last && now - last < BusySpacing) return MemoryTrim.None;
            _lastBusyTrim = now;
            return MemoryTrim.Background;
        }
        _quietSince ??= now;
        if (now - _quietSince.Value < QuietDelay) return MemoryTrim.None;
        // A sweep evicting: one trim once it is done, not one in the middle of it.
        if (chunkBytesEvicted > 0) return MemoryTrim.None;
        // The GC ran all through a load, so its committed memory shows what the load left unused. What was allocated
        // since is no reason: after a restart's replay that was the deferred rollups, all live, and a trim for it
        // paused 0.5-0.9 s at a million series and gave nothing back.
        bool worth = _trimmedWhileQuiet
            ? _evictedSinceTrim >= Math.Max(MinUnusedBytes, gc.Live / 4)
            : gc.UnusedCommitted + _evictedSinceTrim >= MinUnusedBytes;
        return worth ? MemoryTrim.Compacting : MemoryTrim.None;
    }

    /// <summary>The caller trimmed: evictions count from here.</summary>
    public void Trimmed()
    {
        _evictedSinceTrim = 0;
        if (_quietSince is not null) _trimmedWhileQuiet = true;
    }
}
