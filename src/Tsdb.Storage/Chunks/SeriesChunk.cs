using System.Diagnostics;

namespace Tsdb.Storage.Chunks;

/// <summary>
/// The slots of one archive of one series inside one time window [WindowStart, WindowStart + Step * capacity):
/// only present slots are held, sorted by offset, so a sparse feed (a 10 s collector into a 1 s archive) costs
/// memory per point, not per slot. Setting an existing slot replaces its value (whisper's last write wins).
/// <para>Representation: while the present slots are contiguous (a live feed of the archive's step writes
/// offsets k, k+1, k+2, ...) the chunk is dense: only values, slot i at offset <c>first + i</c>, and no offset
/// array. The first gap or write before the first slot makes it sparse for good: (offset, value) pairs.</para>
/// <para>Threading: one writer. Readers hold the owner's lock (the series) while they call <see cref="CopyTo"/>;
/// the writer mutates under that lock with <see cref="Set"/>/<see cref="SetOffset"/>, or without it through
/// <see cref="TrySetPublished"/>, whose writes a reader under the lock sees either wholly or not at all.</para>
/// </summary>
public sealed class SeriesChunk
{
    /// <summary>Null while dense; then the offset of slot i is <c>_first + i</c>.</summary>
    private int[]? _offsets;
    private double[] _values;
    private int _first;
    private readonly int _maxCapacity = int.MaxValue;
    private readonly int _growthSeed;

    /// <summary>Present slots. Written last by every change that adds a slot (a release store), so a reader
    /// that reads it first (an acquire load) finds the arrays filled up to it.</summary>
    private int _count;

    /// <param name="windowStart">The first second of the chunk's window.</param>
    /// <param name="step">Seconds per slot.</param>
    /// <param name="initialCapacity">Slots held before the arrays first grow.</param>
    /// <param name="maxCapacity">Slots in the window: growth stops there (doubling 512 slots of a 720-slot window
    /// held 1,024, and allocated 8 KB per series in the same second for a whole fleet).</param>
    /// <param name="growthSeed">Varies the growth factor between chunks (the owner's series id): see <see cref="Grow"/>.</param>
    public SeriesChunk(long windowStart, int step, int initialCapacity = 4, int maxCapacity = int.MaxValue, int growthSeed = 0)
    {
        WindowStart = windowStart;
        Step = step;
        _maxCapacity = Math.Max(1, maxCapacity);
        _growthSeed = growthSeed;
        _values = new double[Math.Clamp(initialCapacity, 1, _maxCapacity)];
    }

    /// <summary>A decoded chunk holding exactly these slots (strictly ascending offsets, one value each), clean
    /// (it equals its stored copy): dense when the offsets are contiguous. Takes ownership of both arrays.</summary>
    internal static SeriesChunk FromSlots(long windowStart, int step, int[] offsets, double[] values)
    {
        Debug.Assert(offsets.Length == values.Length && values.Length > 0);
        var chunk = new SeriesChunk(windowStart, step, values);
        if (offsets[^1] - offsets[0] == offsets.Length - 1) chunk._first = offsets[0];
        else chunk._offsets = offsets;
        return chunk;
    }

    private SeriesChunk(long windowStart, int step, double[] values)
    {
        WindowStart = windowStart;
        Step = step;
        _values = values;
        _count = values.Length;
    }

    /// <summary>The chunk object itself: header, method table and fields, rounded to 8 bytes.</summary>
    public const int ObjectBytes = 64;

    public long WindowStart { get; }
    public int Step { get; }
    public int Count => _count;

    /// <summary>Managed bytes this chunk holds: the object and its arrays (what evicting it frees).</summary>
    public long HeapBytes => ObjectBytes + 24 + 8L * _values.Length + (_offsets is { } offsets ? 24 + 4L * offsets.Length : 0);

    /// <summary>True while the present slots are contiguous and no offset array is held.</summary>
    public bool IsDense => _offsets is null;

    /// <summary>True when the chunk differs from its encoded copy in the store (or has none).</summary>
    public bool IsDirty { get; set; }

    /// <summary>Set by every write; the store's periodic sweep clears it and evicts chunks that stayed idle.</summary>
    public bool WrittenSinceSweep { get; set; }

    /// <summary>The offsets of the present slots, ascending (a dense chunk builds them: writer side only).</summary>
    public ReadOnlySpan<int> Offsets => _offsets is { } offsets ? offsets.AsSpan(0, _count) : DenseOffsets();

    public ReadOnlySpan<double> Values => _values.AsSpan(0, _count);

    /// <summary>The offset of the first present slot (Count &gt; 0).</summary>
    public int FirstOffset => _offsets is { } offsets ? offsets[0] : _first;

    /// <summary>Sets the slot for an aligned timestamp inside the window; the in-order append is the fast path.</summary>
    public void Set(long alignedTimestamp, double value) => SetOffset(OffsetOf(alignedTimestamp), value);

    /// <summary>
    /// Sets the slot when that moves no present slot: a replace, or an append after the last slot that keeps
    /// the representation (dense stays dense). Safe beside readers holding the owner's lock, without taking it.
    /// False (nothing changed) when the write needs <see cref="Set"/> under the owner's lock.
    /// </summary>
    public bool TrySetPublished(long alignedTimestamp, double value) => TrySetOffsetPublished(OffsetOf(alignedTimestamp), value);

    public void SetOffset(int offset, double value)
    {
        if (TrySetOffsetPublished(offset, value)) return;
        IsDirty = true;
        WrittenSinceSweep = true;
        int count = _count;
        if (_offsets is null)
        {
            var offsets = new int[_values.Length];
            for (int k = 0; k < count; k++) offsets[k] = _first + k;
            _offsets = offsets;
            if (offset > _offsets[count - 1]) { AppendSparse(offset, value, count); return; }
        }
        int i = ~Array.BinarySearch(_offsets, 0, count, offset);
        if (count == _values.Length) Grow();
        Array.Copy(_offsets, i, _offsets, i + 1, count - i);
        Array.Copy(_values, i, _values, i + 1, count - i);
        _offsets[i] = offset;
        _values[i] = value;
        Volatile.Write(ref _count, count + 1);
    }

    private bool TrySetOffsetPublished(int offset, double value)
    {
        int count = _count;
        if (_offsets is null)
        {
            int i = offset - _first;
            if ((uint)i < (uint)count) _values[i] = value;
            else if (i == count && count > 0) Append(value, count);
            else if (count == 0)
            {
                _first = offset;
                Append(value, 0);
            }
            else return false;
        }
        else if (offset > _offsets[count - 1]) AppendSparse(offset, value, count);
        else
        {
            int i = Array.BinarySearch(_offsets, 0, count, offset);
            if (i < 0) return false;
            _values[i] = value;
        }
        IsDirty = true;
        WrittenSinceSweep = true;
        return true;
    }

    /// <summary>Index range [start, end) of the present slots whose offsets lie in [fromOffset, toOffset).</summary>
    public (int Start, int End) IndexRange(int fromOffset, int toOffset) => IndexRange(fromOffset, toOffset, _count, _offsets);

    /// <summary>Copies the values whose timestamps t satisfy first &lt;= t &lt; first + count*Step into
    /// <paramref name="output"/>[(t - first)/Step]; absent slots are left untouched. Reads the slot count
    /// before the arrays (see <see cref="TrySetPublished"/>).</summary>
    public void CopyTo(long first, Span<double> output)
    {
        int count = Volatile.Read(ref _count);
        var offsets = _offsets;
        var values = _values;
        long fromOffset = (first - WindowStart) / Step;
        long toOffset = fromOffset + output.Length;
        var (start, end) = IndexRange((int)Math.Clamp(fromOffset, 0, int.MaxValue), (int)Math.Clamp(toOffset, 0, int.MaxValue), count, offsets);
        if (offsets is null)
        {
            if (end > start) values.AsSpan(start, end - start).CopyTo(output[(int)(_first + start - fromOffset)..]);
            return;
        }
        for (int i = start; i < end; i++) output[(int)(offsets[i] - fromOffset)] = values[i];
    }

    private int OffsetOf(long alignedTimestamp) => (int)((alignedTimestamp - WindowStart) / Step);

    private (int Start, int End) IndexRange(int fromOffset, int toOffset, int count, int[]? offsets)
    {
        if (offsets is null)
        {
            long first = _first;
            return ((int)Math.Clamp(fromOffset - first, 0, count), (int)Math.Clamp(Math.Max(fromOffset, toOffset) - first, 0, count));
        }
        int start = LowerBound(offsets, count, fromOffset), end = LowerBound(offsets, count, toOffset);
        return (start, Math.Max(start, end));
    }

    private static int LowerBound(int[] offsets, int count, int offset)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (offsets[mid] < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int[] DenseOffsets()
    {
        var offsets = new int[_count];
        for (int i = 0; i < offsets.Length; i++) offsets[i] = _first + i;
        return offsets;
    }

    /// <summary>Appends at index <paramref name="count"/>: the slot (in a grown copy when full) before the count.</summary>
    private void Append(double value, int count)
    {
        if (count == _values.Length) Grow();
        _values[count] = value;
        Volatile.Write(ref _count, count + 1);
    }

    private void AppendSparse(int offset, double value, int count)
    {
        Debug.Assert(_offsets is not null);
        if (count == _values.Length) Grow();
        _offsets[count] = offset;
        _values[count] = value;
        Volatile.Write(ref _count, count + 1);
    }

    /// <summary>Grows the arrays by a factor between 2 and 2.5 that depends on the seed and the current size, up to
    /// the window's slots: each copy is complete before it replaces the original (a release store), so a reader
    /// holding either array finds its first Count slots.</summary>
    /// <remarks>The factor varies so that the chunks of a fleet that started together do not grow together: all
    /// doubled from eight first sizes, 520,000 series (5,000 collectl nodes) grew an eighth of their chunks in the
    /// same second, up to 376 MB of arrays in it, a dozen times per window; with the factors spread, the largest second of
    /// growth is about 26 MB. The spread costs at most a quarter more unused slots while a chunk fills.</remarks>
    private void Grow()
    {
        int length = _values.Length;
        long grown = 2L * length + GrowthJitter(_growthSeed, length) % (length / 2 + 1);
        int capacity = (int)Math.Max(Math.Min(grown, _maxCapacity), length + 1L);
        if (_offsets is not null)
        {
            var offsets = new int[capacity];
            _offsets.AsSpan(0, _count).CopyTo(offsets);
            Volatile.Write(ref _offsets, offsets);
        }
        var values = new double[capacity];
        _values.AsSpan(0, _count).CopyTo(values);
        Volatile.Write(ref _values, values);
    }

    /// <summary>A well-mixed non-negative number from the seed and the size (a 32-bit integer hash).</summary>
    private static uint GrowthJitter(int seed, int length)
    {
        uint x = (uint)seed * 0x9E3779B1u ^ (uint)length * 0x85EBCA6Bu;
        x ^= x >> 15;
        x *= 0x2C1B3C6Du;
        return x ^ (x >> 12);
    }
}
