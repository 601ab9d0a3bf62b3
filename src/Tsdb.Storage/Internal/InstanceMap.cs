using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Tsdb.Storage.Internal;

/// <summary>
/// Series by name instance: keys are compared by reference and hashed by identity, never by their text.
/// Open addressing with linear probing over (name, series) pairs held inline, at most half full, so a lookup
/// usually reads one slot (a Dictionary reads a bucket, then an entry, through an interface comparer: two
/// cache misses per point in a flood of many series). Entries are never removed. Writer thread only.
/// </summary>
internal sealed class InstanceMap
{
    private Entry[] _entries = new Entry[16];

    public int Count { get; private set; }

    public bool TryGetValue(string name, [MaybeNullWhen(false)] out SeriesState series)
    {
        var entries = _entries;
        int mask = entries.Length - 1;
        for (int i = Slot(name, mask); ; i = (i + 1) & mask)
        {
            ref var entry = ref entries[i];
            if (ReferenceEquals(entry.Name, name))
            {
                series = entry.Series;
                return true;
            }
            if (entry.Name is null)
            {
                series = null;
                return false;
            }
        }
    }

    /// <summary>Adds the pair unless this instance is already a key.</summary>
    public bool TryAdd(string name, SeriesState series)
    {
        if (TryGetValue(name, out _)) return false;
        if (2 * (Count + 1) > _entries.Length) Grow();
        Insert(_entries, name, series);
        Count++;
        return true;
    }

    private static void Insert(Entry[] entries, string name, SeriesState series)
    {
        int mask = entries.Length - 1;
        int i = Slot(name, mask);
        while (entries[i].Name is not null) i = (i + 1) & mask;
        entries[i] = new Entry(name, series);
    }

    /// <summary>The identity hash scrambled (Fibonacci hashing): the runtime draws identity hashes from a
    /// per-thread linear congruential sequence, whose low bits alone repeat in short cycles.</summary>
    private static int Slot(string name, int mask) => (int)(((uint)RuntimeHelpers.GetHashCode(name) * 0x9E3779B9u) >> 8) & mask;

    private void Grow()
    {
        var entries = new Entry[_entries.Length * 2];
        foreach (var entry in _entries)
            if (entry.Name is not null) Insert(entries, entry.Name, entry.Series);
        _entries = entries;
    }

    private readonly record struct Entry(string? Name, SeriesState Series);
}
