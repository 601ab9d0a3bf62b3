using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Tsdb.Core;
using Tsdb.Storage.Chunks;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage.Internal;

/// <summary>
/// In-memory state of one series. Threading: only the writer thread mutates; it takes the lock on this
/// object around every mutation of <see cref="ArchiveState.Open"/> / <see cref="ArchiveState.StoredWindows"/>
/// and around chunk writes that move slots, and readers take the same lock while they copy from them (chunk
/// appends and replaces are published without the lock: see <see cref="SeriesChunk.TrySetPublished"/>). Kept small: a million
/// idle series must fit in a GiB (no open chunks, no pending list once idle).
/// </summary>
internal sealed class SeriesState : ISeriesHandle
{
    public SeriesState(int id, string name, SeriesSchema schema)
    {
        Id = id;
        Name = name;
        Schema = schema;
        int archives = schema.Archives.Count;
        if (archives > InlineArchives.Length) _moreArchives = new ArchiveState[archives];
        else _inlineCount = (byte)archives;
    }

    public int Id { get; }
    public string Name { get; }
    public SeriesSchema Schema { get; }

    /// <summary>One state per archive of <see cref="Schema"/>, finest first; structs, so take them by <c>ref</c>.
    /// Up to <see cref="InlineArchives.Length"/> of them live in this object (the built-in schema and most carbon
    /// ones have at most three archives): an array of them cost 24 bytes more per series and one more object for
    /// the GC to mark; a schema of more archives has them in an array.</summary>
    public Span<ArchiveState> Archives => _moreArchives ?? ((Span<ArchiveState>)_inlineArchives)[.._inlineCount];

    private InlineArchives _inlineArchives;
    private readonly ArchiveState[]? _moreArchives;
    private readonly byte _inlineCount;

    /// <summary>Seconds covered by one chunk of archive <paramref name="archive"/>.</summary>
    public long Window(int archive) => Schema.Windows[archive];

    /// <summary>Seconds per slot of archive <paramref name="archive"/>.</summary>
    public int Step(int archive) => Schema.Steps[archive];

    /// <summary>The id→name mapping is durable: in the catalog, or defined by a WAL entry already encoded
    /// (writer thread only). WAL entries name a series until this is set, then carry only its id.</summary>
    public bool InWal { get; set; }

    /// <summary>The catalog record in the store is out of date (writer thread only).</summary>
    public bool CatalogDirty { get; set; }

    // Buckets to roll up: (archive, timestamp aligned to the next coarser archive's step) written directly since
    // the last rollup of this series, in arrival order, consecutive duplicates skipped. The last entry is
    // (_lastPendingArchive, _lastPendingTimestamp), NoPending when there is none. A live feed that moves on to its
    // next bucket keeps the one it left in (_passedPendingArchive, _passedPendingTimestamp) until the writer rolls
    // it up; any other second entry starts _morePending, which then holds them all. So a live feed takes no list:
    // a list per series per rollup was 14 MB/s of garbage for a thousand collectl nodes, and a list per series at
    // every minute 62 MB for 5,000. Mutated under the write gate only; readers read HasPendingRollups without it
    // to decide whether to ask for a rollup.
    private const int NoPending = -1;
    private List<(int Archive, long Timestamp)>? _morePending;
    // Timestamps as whisper's u32 (the writer stores no other): 8 bytes less per series.
    private uint _lastPendingTimestamp;
    private int _lastPendingArchive = NoPending;
    private int _passedPendingArchive = NoPending;
    private uint _passedPendingTimestamp;

    /// <summary>Records (archive, timestamp) to roll up unless it is the last one recorded.</summary>
    /// <returns>Whether it was recorded.</returns>
    public bool AddPendingRollup(int archive, long timestamp)
    {
        Debug.Assert(timestamp is >= 0 and <= uint.MaxValue);
        if (_lastPendingArchive == archive && _lastPendingTimestamp == timestamp) return false;
        if (_lastPendingArchive != NoPending)
        {
            if (_morePending is null && _passedPendingArchive == NoPending && _lastPendingArchive == archive && _lastPendingTimestamp < timestamp)
            {
                _passedPendingArchive = archive;
                _passedPendingTimestamp = _lastPendingTimestamp;
            }
            else
            {
                if (_morePending is null)
                {
                    _morePending = new List<(int, long)>(4);
                    if (_passedPendingArchive != NoPending) _morePending.Add((_passedPendingArchive, _passedPendingTimestamp));
                    _morePending.Add((_lastPendingArchive, _lastPendingTimestamp));
                    _passedPendingArchive = NoPending;
                }
                _morePending.Add((archive, timestamp));
            }
        }
        _lastPendingTimestamp = (uint)timestamp;
        Volatile.Write(ref _lastPendingArchive, archive);
        return true;
    }

    /// <summary>The recorded buckets sorted by archive then timestamp; <paramref name="inline"/> (two entries)
    /// holds them when they are not in a list. Valid until the next <see cref="AddPendingRollup"/> or
    /// <see cref="ClearPendingRollups"/>.</summary>
    public ReadOnlySpan<(int Archive, long Timestamp)> SortedPendingRollups(Span<(int Archive, long Timestamp)> inline)
    {
        if (_morePending is { } more)
        {
            more.Sort();
            return System.Runtime.InteropServices.CollectionsMarshal.AsSpan(more);
        }
        if (_lastPendingArchive == NoPending) return [];
        int n = 0;
        if (_passedPendingArchive != NoPending) inline[n++] = (_passedPendingArchive, _passedPendingTimestamp);
        inline[n++] = (_lastPendingArchive, _lastPendingTimestamp);
        return inline[..n];
    }

    /// <summary>The one recorded bucket, when exactly one is recorded (a live feed between two rollups).</summary>
    public bool TryGetSinglePendingRollup(out int archive, out long timestamp)
    {
        archive = _lastPendingArchive;
        timestamp = _lastPendingTimestamp;
        return _morePending is null && _passedPendingArchive == NoPending && archive != NoPending;
    }

    /// <summary>A live feed's passed bucket and its current one, when those two are all that is recorded.</summary>
    public bool TryGetPassedPendingRollup(out int archive, out long passed, out long current)
    {
        archive = _passedPendingArchive;
        passed = _passedPendingTimestamp;
        current = _lastPendingTimestamp;
        return _morePending is null && archive != NoPending;
    }

    /// <summary>Forgets the passed bucket of <see cref="TryGetPassedPendingRollup"/> (the rollup did it).</summary>
    public void ClearPassedPendingRollup() => _passedPendingArchive = NoPending;

    /// <summary>The recorded buckets are in a list (tests: a live feed never needs one).</summary>
    internal bool PendingInList => _morePending is not null;

    /// <summary>How many buckets are recorded.</summary>
    public int PendingRollupCount => _morePending?.Count
        ?? (_lastPendingArchive != NoPending ? 1 : 0) + (_passedPendingArchive != NoPending ? 1 : 0);

    /// <summary>Forgets the recorded buckets (the rollup did them).</summary>
    public void ClearPendingRollups()
    {
        _morePending = null;
        _passedPendingArchive = NoPending;
        Volatile.Write(ref _lastPendingArchive, NoPending);
    }

    /// <summary>The open chunk of archive <see cref="WriteCursorArchive"/> that the last direct write went
    /// to (writer thread only): a live feed writes it again and again, found here without reading the
    /// archive's state. Cleared when the chunk leaves <see cref="ArchiveState.Open"/> (<see cref="RemoveOpen"/>).</summary>
    public SeriesChunk? WriteCursor { get; private set; }

    public int WriteCursorArchive { get; private set; }

    public SeriesChunk MoveWriteCursor(int archive, SeriesChunk chunk)
    {
        WriteCursorArchive = archive;
        return WriteCursor = chunk;
    }

    /// <summary>Removes an open chunk of an archive, forgets it wherever the writer remembers it and frees its values.
    /// Under this object's lock: a reader that held the chunk held the lock, and one that takes it next does not
    /// find the chunk.</summary>
    public void RemoveOpen(int archive, SeriesChunk chunk)
    {
        Debug.Assert(Monitor.IsEntered(this));
        Archives[archive].RemoveOpen(chunk);
        if (ReferenceEquals(WriteCursor, chunk)) WriteCursor = null;
        chunk.Dispose();
    }

    /// <summary>Readers' view: some written bucket still has to be rolled up.</summary>
    public bool HasPendingRollups => Volatile.Read(ref _lastPendingArchive) != NoPending;

    /// <summary>The series is in the store's list of series with pending rollups (write gate held).</summary>
    public bool RollupQueued { get; set; }
}

/// <summary>Room for the archive states of a series of at most three archives (see <see cref="SeriesState.Archives"/>).</summary>
[System.Runtime.CompilerServices.InlineArray(Length)]
internal struct InlineArchives
{
    public const int Length = 3;

    private ArchiveState _first;
}

/// <summary>One archive of a series: chunks held in memory (recent or being modified) and the window
/// indices of chunks present in the chunk store. Several of either are an exact-sized array replaced on change
/// (a new chunk or window is rare: once per window). A struct held inline in <see cref="SeriesState.Archives"/>
/// (24 bytes each, where an object per archive cost 56 and its array 48 more); the archive's geometry is the
/// schema's. A single open chunk (what a live feed or a freshly written series has) and a single stored window
/// (what an idle series of a few points has) are held inline: an array for one cost 32 bytes and an object for
/// the GC to mark (the memory trim's pause at a million series is mostly marking). Mutate it in place only,
/// through the array element or a <c>ref</c> local: a copy's changes are lost.</summary>
internal struct ArchiveState
{
    // Open chunks: one SeriesChunk, several in a SeriesChunk[], or none (null). One field for both: two cost every
    // series 8 bytes per archive.
    private object? _open;

    // Stored windows: several in _stored; one in _one while _stored is the marker; none while _stored is null.
    private long[]? _stored;
    private long _one;

    /// <summary>_stored's value while the one stored window is _one (an instance no archive ever stores).</summary>
    private static readonly long[] OneInline = new long[1];

    /// <summary>Chunks in memory, in no particular order. May point into this struct: a loop over it may remove
    /// the chunk it is at, but must not add one.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<SeriesChunk> Open => _open is SeriesChunk
        ? new ReadOnlySpan<SeriesChunk>(in Unsafe.As<object?, SeriesChunk>(ref Unsafe.AsRef<object?>(in _open)))
        : Unsafe.As<SeriesChunk[]?>(_open);

    /// <summary>Window indices stored in the chunk store, ascending. May point into this struct: read it before
    /// changing the stored windows.</summary>
    [UnscopedRef]
    public readonly ReadOnlySpan<long> StoredWindows => ReferenceEquals(_stored, OneInline) ? new ReadOnlySpan<long>(in _one) : _stored;

    public readonly SeriesChunk? FindOpen(long windowStart)
    {
        foreach (var c in Open) if (c.WindowStart == windowStart) return c;
        return null;
    }

    /// <summary>The open chunk whose window of <paramref name="window"/> seconds holds <paramref name="timestamp"/>:
    /// no division, so it costs what a remembered "last written" chunk did (a field that cost every series
    /// 8 bytes per archive).</summary>
    public readonly SeriesChunk? FindOpenHolding(long timestamp, long window)
    {
        foreach (var c in Open) if ((ulong)(timestamp - c.WindowStart) < (ulong)window) return c;
        return null;
    }

    public void AddOpen(SeriesChunk chunk)
    {
        var open = Open;
        _open = open.IsEmpty ? chunk : (SeriesChunk[])[.. open, chunk];
    }

    /// <summary>Removes an open chunk.</summary>
    public void RemoveOpen(SeriesChunk chunk)
    {
        var open = Open;
        int i = open.IndexOf(chunk);
        if (i < 0) return;
        _open = open.Length switch
        {
            1 => null,
            2 => open[1 - i],
            _ => (SeriesChunk[])[.. open[..i], .. open[(i + 1)..]],
        };
    }

    public readonly bool IsStored(long windowIndex) => StoredWindows.BinarySearch(windowIndex) >= 0;

    public void MarkStored(long windowIndex)
    {
        var stored = StoredWindows;
        int i = stored.BinarySearch(windowIndex);
        if (i >= 0) return;
        i = ~i;
        if (stored.IsEmpty) SetOne(windowIndex);
        else SetMany([.. stored[..i], windowIndex, .. stored[i..]]);
    }

    private void SetOne(long windowIndex)
    {
        _one = windowIndex;
        _stored = OneInline;
    }

    private void SetMany(long[] windows) => _stored = windows;

    private void SetNone() => _stored = null;

    /// <summary>Recovery: the stored windows as the catalog lists them. Ascending and distinct as encoded; a list
    /// that is not (a damaged record) is merged window by window instead.</summary>
    public void RestoreStored(long[] windows)
    {
        for (int i = 1; i < windows.Length; i++)
        {
            if (windows[i] > windows[i - 1]) continue;
            foreach (long window in windows) MarkStored(window);
            return;
        }
        if (windows.Length == 0) SetNone();
        else if (windows.Length == 1) SetOne(windows[0]);
        else SetMany(windows);
    }

    /// <summary>Forgets the <paramref name="count"/> oldest stored windows (retention).</summary>
    public void RemoveOldestStored(int count)
    {
        var kept = StoredWindows[Math.Min(count, StoredWindows.Length)..];
        if (kept.IsEmpty) SetNone();
        else if (kept.Length == 1) SetOne(kept[0]);
        else SetMany(kept.ToArray());
    }
}
