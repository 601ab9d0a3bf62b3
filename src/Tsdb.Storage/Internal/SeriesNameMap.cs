using System.Diagnostics.CodeAnalysis;

namespace Tsdb.Storage.Internal;

/// <summary>
/// The store's series by name: one writer (the store's writer thread, or recovery before anything listens) and
/// any number of readers without a lock (queries, and ingestion's name interner on every connection).
/// <para>An open-addressing table of series references and their names' hashes, probed linearly, never more
/// than three quarters full. It holds no object per entry: a <c>ConcurrentDictionary</c> node cost 48 bytes per
/// series and one more object per series for the GC to mark (a million idle series are mostly marking in the
/// memory trim's pause); this costs 16-32 bytes per series in two arrays.</para>
/// <para>Readers read the table once and probe it: the writer fills a slot's hash before it publishes the slot's
/// series (a release store; readers load it with acquire), and it grows by filling a new table completely before
/// publishing it, so a reader sees every name whose <see cref="Set"/> returned before its lookup started.
/// Entries are never removed.</para>
/// </summary>
internal sealed class SeriesNameMap
{
    private const int InitialCapacity = 64;

    private sealed class Table(int capacity)
    {
        public readonly SeriesState?[] Series = new SeriesState?[capacity];
        public readonly int[] Hashes = new int[capacity];
        public int Mask => Series.Length - 1;
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
            var candidate = Volatile.Read(ref table.Series[i]);
            if (candidate is null) break;
            if (table.Hashes[i] == hash && name.SequenceEqual(candidate.Name))
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
        if (table.Series[i] is { } existing)
        {
            added = false;
            return existing;
        }
        var series = create(name, state);
        if ((_count + 1) * 4L > table.Series.Length * 3L)
        {
            table = Grown(table);
            i = Probe(table, name, hash);
            _table = table;
        }
        table.Hashes[i] = hash;
        Volatile.Write(ref table.Series[i], series);
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
        if (table.Series[i] is null && (_count + 1) * 4L > table.Series.Length * 3L)
        {
            table = Grown(table);
            i = Probe(table, series.Name, hash);
            _table = table;
        }
        bool added = table.Series[i] is null;
        table.Hashes[i] = hash;
        Volatile.Write(ref table.Series[i], series);
        if (added) Volatile.Write(ref _count, _count + 1);
    }

    /// <summary>The slot holding <paramref name="name"/>, or the empty slot where it belongs.</summary>
    private static int Probe(Table table, string name, int hash)
    {
        int i = hash & table.Mask;
        while (table.Series[i] is { } candidate && !(table.Hashes[i] == hash && candidate.Name == name))
            i = (i + 1) & table.Mask;
        return i;
    }

    /// <summary>A table of twice the capacity holding every entry (not yet published).</summary>
    private static Table Grown(Table table)
    {
        var grown = new Table(table.Series.Length * 2);
        for (int j = 0; j < table.Series.Length; j++)
        {
            if (table.Series[j] is not { } series) continue;
            int hash = table.Hashes[j];
            int i = hash & grown.Mask;
            while (grown.Series[i] is not null) i = (i + 1) & grown.Mask;
            grown.Hashes[i] = hash;
            grown.Series[i] = series;
        }
        return grown;
    }
}
