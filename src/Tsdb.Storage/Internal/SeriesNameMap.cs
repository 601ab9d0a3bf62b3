using System.Diagnostics.CodeAnalysis;

namespace Tsdb.Storage.Internal;

/// <summary>
/// The store's series by name: one writer (the store's writer thread, or recovery before anything listens) and
/// any number of readers without a lock (queries, and ingestion's name interner on every connection).
/// <para>An open-addressing table of entries (a series reference and its name's hash, 16 bytes), probed linearly,
/// never more than three quarters full. It holds no object per entry: a <c>ConcurrentDictionary</c> node cost 48
/// bytes per series and one more object per series for the GC to mark (a million idle series are mostly marking in
/// the memory trim's pause); this costs 21-43 bytes per series. A probe reads the hash and the reference from one
/// cache line (two arrays took two cache misses per slot into a table of a million series).</para>
/// <para>The table is held in segments of 64 KiB, like <see cref="SegmentedList{T}"/> and for the same reason: a
/// table of one array was a large-object allocation at each growth past 1 MiB, and in a burst of new series
/// those started background gen2 collections.</para>
/// <para>Readers read the table once and probe it: the writer fills a slot's hash before it publishes the slot's
/// series (a release store; readers load it with acquire), and it grows by filling a new table completely before
/// publishing it, so a reader sees every name whose <see cref="Set"/> returned before its lookup started.
/// Entries are never removed.</para>
/// </summary>
internal sealed class SeriesNameMap
{
    private const int InitialCapacity = 64;

    private struct Entry
    {
        public SeriesState? Series;
        public int Hash;
    }

    /// <summary>A power-of-two number of entries in segments of at most <see cref="SegmentLength"/>.</summary>
    private sealed class Table
    {
        private const int SegmentBits = 12;
        private const int SegmentLength = 1 << SegmentBits, SegmentMask = SegmentLength - 1;

        private readonly Entry[][] _segments;

        public Table(int capacity)
        {
            int length = Math.Min(capacity, SegmentLength);
            _segments = new Entry[capacity / length][];
            for (int i = 0; i < _segments.Length; i++) _segments[i] = new Entry[length];
            Capacity = capacity;
        }

        public int Capacity { get; }

        public int Mask => Capacity - 1;

        public ref Entry this[int index] => ref _segments[index >> SegmentBits][index & SegmentMask];
    }

    private volatile Table _table = new(InitialCapacity);
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public bool ContainsKey(ReadOnlySpan<char> name) => TryGetValue(name, out _);

    public bool TryGetValue(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out SeriesState series)
    {
        var table = _table;
        int hash = string.GetHashCode(name);
        for (int i = hash & table.Mask; ; i = (i + 1) & table.Mask)
        {
            ref var entry = ref table[i];
            var candidate = Volatile.Read(ref entry.Series);
            if (candidate is null) break;
            if (entry.Hash == hash && name.SequenceEqual(candidate.Name))
            {
                series = candidate;
                return true;
            }
        }
        series = null;
        return false;
    }

    /// <summary>Writer only: the series named <paramref name="name"/>, or the one <paramref name="create"/> makes for
    /// it, which the map then holds (<paramref name="added"/>). One probe where a lookup and a <see cref="Set"/>
    /// took two (each a few cache misses into a table of a million series).</summary>
    public SeriesState GetOrAdd<TState>(string name, Func<string, TState, SeriesState> create, TState state, out bool added)
    {
        var table = _table;
        int hash = string.GetHashCode(name);
        int i = Probe(table, name, hash);
        if (table[i].Series is { } existing)
        {
            added = false;
            return existing;
        }
        var series = create(name, state);
        if ((_count + 1) * 4L > table.Capacity * 3L)
        {
            table = Grown(table);
            i = Probe(table, name, hash);
            _table = table;
        }
        Publish(ref table[i], hash, series);
        Volatile.Write(ref _count, _count + 1);
        added = true;
        return series;
    }

    /// <summary>Writer only: maps <paramref name="series"/>'s name to it, replacing a series of the same name.</summary>
    public void Set(SeriesState series)
    {
        var table = _table;
        int hash = string.GetHashCode(series.Name);
        int i = Probe(table, series.Name, hash);
        if (table[i].Series is null && (_count + 1) * 4L > table.Capacity * 3L)
        {
            table = Grown(table);
            i = Probe(table, series.Name, hash);
            _table = table;
        }
        bool added = table[i].Series is null;
        Publish(ref table[i], hash, series);
        if (added) Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The hash first, then the series with a release store: a reader that sees the series sees its hash.</summary>
    private static void Publish(ref Entry entry, int hash, SeriesState series)
    {
        entry.Hash = hash;
        Volatile.Write(ref entry.Series, series);
    }

    /// <summary>The slot holding <paramref name="name"/>, or the empty slot where it belongs.</summary>
    private static int Probe(Table table, string name, int hash)
    {
        for (int i = hash & table.Mask; ; i = (i + 1) & table.Mask)
        {
            ref var entry = ref table[i];
            if (entry.Series is not { } candidate || (entry.Hash == hash && candidate.Name == name)) return i;
        }
    }

    /// <summary>A table of twice the capacity holding every entry (not yet published).</summary>
    private static Table Grown(Table table)
    {
        var grown = new Table(table.Capacity * 2);
        for (int j = 0; j < table.Capacity; j++)
        {
            ref var entry = ref table[j];
            if (entry.Series is null) continue;
            int i = entry.Hash & grown.Mask;
            while (grown[i].Series is not null) i = (i + 1) & grown.Mask;
            grown[i] = entry;
        }
        return grown;
    }
}
