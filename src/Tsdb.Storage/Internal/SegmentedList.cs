using System.Runtime.CompilerServices;

namespace Tsdb.Storage.Internal;

/// <summary>
/// A list held in segments of <see cref="SegmentLength"/> items, for the store's lists with an item per series
/// (a million series and more). Same contract as <see cref="List{T}"/> for what it offers, not thread-safe.
/// <para>Why not a List: it grows by copying into an array of twice the size, and from 1 MiB on (the server's
/// large-object threshold) each of those arrays is a large-object allocation. The GC counts those against a budget
/// of their own, small in a young process, and a burst of new series (5,000 collectl nodes create 520,000 in their
/// first second) grew the store's lists and its name table through arrays of 1 to 8 MiB in that second, which
/// started a background gen2 collection marking the whole heap while the burst was written. Segments stay under
/// the GC's default large-object threshold (85,000 bytes) whatever the configuration, and adding never copies.</para>
/// </summary>
internal sealed class SegmentedList<T>
{
    /// <summary>8,192 items: 64 KiB of references or longs.</summary>
    public const int SegmentBits = 13;

    public const int SegmentLength = 1 << SegmentBits;
    private const int SegmentMask = SegmentLength - 1;

    /// <summary>The first segment starts at this length and doubles up to <see cref="SegmentLength"/>, so a small
    /// store holds a small list; every later segment is allocated whole.</summary>
    private const int FirstSegmentInitialLength = 16;

    private T[][] _segments = [];
    private int _count;

    public int Count => _count;

    /// <summary>The item at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>), by reference so it can
    /// be assigned.</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)_count) ThrowIndex(index);
            return ref _segments[index >> SegmentBits][index & SegmentMask];
        }
    }

    public void Add(T item)
    {
        int segment = _count >> SegmentBits, offset = _count & SegmentMask;
        if (segment == _segments.Length) Array.Resize(ref _segments, Math.Max(4, 2 * _segments.Length));
        ref var items = ref _segments[segment];
        if (items is null) items = new T[segment == 0 ? FirstSegmentInitialLength : SegmentLength];
        else if (offset == items.Length) Array.Resize(ref items, Math.Min(2 * items.Length, SegmentLength));
        items[offset] = item;
        _count++;
    }

    /// <summary>Keeps the first <paramref name="count"/> items; the segments stay allocated for the next adds.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _count);
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            // Cleared so the list does not keep the removed items alive.
            for (int i = count; i < _count;)
            {
                int segment = i >> SegmentBits, offset = i & SegmentMask;
                int length = Math.Min(_count - i, SegmentLength - offset);
                Array.Clear(_segments[segment], offset, length);
                i += length;
            }
        }
        _count = count;
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Enumerates the items present when it started; items added meanwhile are not seen (the store
    /// enumerates under its write gate, where nothing is added).</summary>
    public struct Enumerator(SegmentedList<T> list)
    {
        private readonly int _count = list._count;
        private int _index = -1;

        public readonly T Current => list._segments[_index >> SegmentBits][_index & SegmentMask];

        public bool MoveNext() => ++_index < _count;
    }

    private static void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "outside the list");
}
