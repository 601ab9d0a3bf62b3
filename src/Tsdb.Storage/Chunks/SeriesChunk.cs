using System.Diagnostics;
using System.Runtime.InteropServices;

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
/// <para>Memory: the values live in native memory that the chunk owns until <see cref="Dispose"/>, which its owner
/// calls, under its lock, when it drops the chunk. A live series' chunk grows by a slot a second, and as managed
/// arrays that growth was three quarters of what 10,000 collectl nodes allocated: every array a chunk grew into
/// survived the next collection, and each collection (every ~10 s) paused the server for 0.1-1.2 s copying them
/// and scanning the chunks that pointed to them.</para>
/// </summary>
public sealed unsafe class SeriesChunk : IDisposable
{
    /// <summary>Null while dense; then the offset of slot i is <c>_first + i</c>.</summary>
    private int[]? _offsets;
    /// <summary>Native, <see cref="_capacity"/> slots; null once disposed. Replaced only under the owner's lock
    /// (see <see cref="Grow"/>), so a reader holding it may use it until it releases the lock.</summary>
    private double* _values;
    private int _capacity;
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
        _capacity = Math.Clamp(initialCapacity, 1, _maxCapacity);
        _values = (double*)NativeMemory.Alloc((nuint)_capacity, sizeof(double));
        Interlocked.Add(ref s_nativeBytes, 8L * _capacity);
    }

    private static long s_nativeBytes;

    /// <summary>Native bytes held by all the chunks of this process not yet disposed (what a leak would grow).</summary>
    public static long NativeBytesHeld => Interlocked.Read(ref s_nativeBytes);

    /// <summary>A decoded chunk holding exactly these slots (strictly ascending offsets, one value each), clean
    /// (it equals its stored copy): dense when the offsets are contiguous. Takes ownership of the offsets.</summary>
    internal static SeriesChunk FromSlots(long windowStart, int step, int[] offsets, ReadOnlySpan<double> values)
    {
        Debug.Assert(offsets.Length == values.Length && values.Length > 0);
        var chunk = new SeriesChunk(windowStart, step, values.Length);
        values.CopyTo(new Span<double>(chunk._values, values.Length));
        chunk._count = values.Length;
        if (offsets[^1] - offsets[0] == offsets.Length - 1) chunk._first = offsets[0];
        else chunk._offsets = offsets;
        return chunk;
    }

    /// <summary>The chunk object itself: header, method table and fields, rounded to 8 bytes (72 in a heap dump).</summary>
    public const int ObjectBytes = 72;

    public long WindowStart { get; }
    public int Step { get; }
    public int Count => _count;

    /// <summary>Managed bytes this chunk holds: the object and its offsets (garbage once it is dropped).</summary>
    public long ManagedBytes => ObjectBytes + (_offsets is { } offsets ? 24 + 4L * offsets.Length : 0);

    /// <summary>Native bytes this chunk holds: its values' slots (freed by <see cref="Dispose"/>).</summary>
    public long NativeBytes => 8L * _capacity;

    /// <summary>True while the present slots are contiguous and no offset array is held.</summary>
    public bool IsDense => _offsets is null;

    /// <summary>True when the chunk differs from its encoded copy in the store (or has none).</summary>
    public bool IsDirty { get; set; }

    /// <summary>Set by every write; the store's periodic sweep clears it and evicts chunks that stayed idle.</summary>
    public bool WrittenSinceSweep { get; set; }

    /// <summary>The offsets of the present slots, ascending (a dense chunk builds them: writer side only).</summary>
    public ReadOnlySpan<int> Offsets => _offsets is { } offsets ? offsets.AsSpan(0, _count) : DenseOffsets();

    /// <summary>The present slots' values (writer side, or under the owner's lock: valid until the next change).</summary>
    public ReadOnlySpan<double> Values => new(_values, _count);

    /// <summary>The offset of the first present slot (Count &gt; 0).</summary>
    public int FirstOffset => _offsets is { } offsets ? offsets[0] : _first;

    /// <summary>Sets the slot for an aligned timestamp inside the window; the in-order append is the fast path.</summary>
    public void Set(long alignedTimestamp, double value) => SetOffset(OffsetOf(alignedTimestamp), value);

    /// <summary>
    /// Sets the slot when that moves no present slot: a replace, or an append after the last slot that keeps
    /// the representation (dense stays dense) and fits in the room held (growing moves every value). Safe beside readers holding the owner's lock, without taking it.
    /// False (nothing changed) when the write needs <see cref="Set"/> under the owner's lock.
    /// </summary>
    public bool TrySetPublished(long alignedTimestamp, double value) => TrySetOffsetPublished(OffsetOf(alignedTimestamp), value);

    /// <summary>Sets the slot at <paramref name="offset"/> (under the owner's lock: it may grow or move slots).</summary>
    public void SetOffset(int offset, double value)
    {
        if (TrySetOffsetPublished(offset, value)) return;
        // Not a replace, so a new slot: an append that needed room, or an insert.
        int count = _count;
        if (count == _capacity)
        {
            Grow();
            if (TrySetOffsetPublished(offset, value)) return;
        }
        IsDirty = true;
        WrittenSinceSweep = true;
        if (_offsets is null)
        {
            var offsets = new int[_capacity];
            for (int k = 0; k < count; k++) offsets[k] = _first + k;
            _offsets = offsets;
            if (offset > _offsets[count - 1]) { AppendSparse(offset, value, count); return; }
        }
        int i = ~Array.BinarySearch(_offsets, 0, count, offset);
        Array.Copy(_offsets, i, _offsets, i + 1, count - i);
        var values = new Span<double>(_values, count + 1);
        values[i..count].CopyTo(values[(i + 1)..]);
        _offsets[i] = offset;
        values[i] = value;
        Volatile.Write(ref _count, count + 1);
    }

    private bool TrySetOffsetPublished(int offset, double value)
    {
        int count = _count;
        if (_offsets is null)
        {
            int i = offset - _first;
            if ((uint)i < (uint)count) _values[i] = value;
            else if (count == _capacity) return false; // growing replaces the values: under the lock
            else if (i == count && count > 0) Append(value, count);
            else if (count == 0)
            {
                _first = offset;
                Append(value, 0);
            }
            else return false;
        }
        else if (offset > _offsets[count - 1])
        {
            if (count == _capacity) return false;
            AppendSparse(offset, value, count);
        }
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
        var values = new ReadOnlySpan<double>(_values, count);
        long fromOffset = (first - WindowStart) / Step;
        long toOffset = fromOffset + output.Length;
        var (start, end) = IndexRange((int)Math.Clamp(fromOffset, 0, int.MaxValue), (int)Math.Clamp(toOffset, 0, int.MaxValue), count, offsets);
        if (offsets is null)
        {
            if (end > start) values[start..end].CopyTo(output[(int)(_first + start - fromOffset)..]);
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

    /// <summary>Appends at index <paramref name="count"/> (below the capacity): the slot before the count.</summary>
    private void Append(double value, int count)
    {
        Debug.Assert(count < _capacity);
        _values[count] = value;
        Volatile.Write(ref _count, count + 1);
    }

    private void AppendSparse(int offset, double value, int count)
    {
        Debug.Assert(_offsets is not null && count < _capacity);
        _offsets[count] = offset;
        _values[count] = value;
        Volatile.Write(ref _count, count + 1);
    }

    /// <summary>Grows the slots by a factor between 2 and 2.5 that depends on the seed and the current size, up to
    /// the window's slots. Under the owner's lock only: the values move, and the old ones are freed.</summary>
    /// <remarks>The factor varies so that the chunks of a fleet that started together do not grow together: all
    /// doubled from eight first sizes, 520,000 series (5,000 collectl nodes) grew an eighth of their chunks in the
    /// same second, up to 376 MB of arrays in it, a dozen times per window; with the factors spread, the largest second of
    /// growth is about 26 MB. The spread costs at most a quarter more unused slots while a chunk fills.</remarks>
    private void Grow()
    {
        ObjectDisposedException.ThrowIf(_values is null, this);
        int length = _capacity;
        long grown = 2L * length + GrowthJitter(_growthSeed, length) % (length / 2 + 1);
        int capacity = (int)Math.Max(Math.Min(grown, _maxCapacity), length + 1L);
        if (_offsets is not null)
        {
            var offsets = new int[capacity];
            _offsets.AsSpan(0, _count).CopyTo(offsets);
            Volatile.Write(ref _offsets, offsets);
        }
        _values = (double*)NativeMemory.Realloc(_values, (nuint)capacity * sizeof(double));
        Interlocked.Add(ref s_nativeBytes, 8L * (capacity - _capacity));
        _capacity = capacity;
    }

    /// <summary>Frees the values (the owner, under its lock, as it drops the chunk; again is harmless). A reader
    /// that takes the lock afterwards must not find the chunk: the chunk reads as empty, and a write throws.</summary>
    public void Dispose()
    {
        var values = _values;
        if (values is null) return;
        _values = null;
        Interlocked.Add(ref s_nativeBytes, -8L * _capacity);
        _capacity = 0;
        _count = 0;
        NativeMemory.Free(values);
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
