namespace Tsdb.Storage.Chunks;

/// <summary>
/// The slots of one archive of one series inside one time window [WindowStart, WindowStart + Step * capacity):
/// only present slots are held, as (slot offset, value) pairs sorted by offset, so a sparse feed (a 10 s
/// collector into a 1 s archive) costs memory per point, not per slot. Setting an existing slot replaces
/// its value (whisper's last write wins). Not thread-safe: the owner serialises access.
/// </summary>
public sealed class SeriesChunk
{
    private int[] _offsets;
    private double[] _values;

    public SeriesChunk(long windowStart, int step, int initialCapacity = 4)
    {
        WindowStart = windowStart;
        Step = step;
        _offsets = new int[Math.Max(1, initialCapacity)];
        _values = new double[Math.Max(1, initialCapacity)];
    }

    public long WindowStart { get; }
    public int Step { get; }
    public int Count { get; private set; }

    /// <summary>True when the chunk differs from its encoded copy in the store (or has none).</summary>
    public bool IsDirty { get; set; }

    /// <summary>Set by every write; the store's periodic sweep clears it and evicts chunks that stayed idle.</summary>
    public bool WrittenSinceSweep { get; set; }

    public ReadOnlySpan<int> Offsets => _offsets.AsSpan(0, Count);
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    /// <summary>Sets the slot for an aligned timestamp inside the window; the in-order append is the fast path.</summary>
    public void Set(long alignedTimestamp, double value) => SetOffset((int)((alignedTimestamp - WindowStart) / Step), value);

    public void SetOffset(int offset, double value)
    {
        IsDirty = true;
        WrittenSinceSweep = true;
        if (Count == 0 || offset > _offsets[Count - 1])
        {
            EnsureCapacity();
            _offsets[Count] = offset;
            _values[Count] = value;
            Count++;
            return;
        }
        int i = Array.BinarySearch(_offsets, 0, Count, offset);
        if (i >= 0) { _values[i] = value; return; }
        i = ~i;
        EnsureCapacity();
        Array.Copy(_offsets, i, _offsets, i + 1, Count - i);
        Array.Copy(_values, i, _values, i + 1, Count - i);
        _offsets[i] = offset;
        _values[i] = value;
        Count++;
    }

    /// <summary>Index range [start, end) of the present slots whose offsets lie in [fromOffset, toOffset).</summary>
    public (int Start, int End) IndexRange(int fromOffset, int toOffset)
    {
        int start = LowerBound(fromOffset), end = LowerBound(toOffset);
        return (start, Math.Max(start, end));
    }

    /// <summary>Copies the values whose timestamps t satisfy first &lt;= t &lt; first + count*Step into
    /// <paramref name="output"/>[(t - first)/Step]; absent slots are left untouched.</summary>
    public void CopyTo(long first, Span<double> output)
    {
        long fromOffset = (first - WindowStart) / Step;
        long toOffset = fromOffset + output.Length;
        var (start, end) = IndexRange((int)Math.Clamp(fromOffset, 0, int.MaxValue), (int)Math.Clamp(toOffset, 0, int.MaxValue));
        for (int i = start; i < end; i++) output[(int)(_offsets[i] - fromOffset)] = _values[i];
    }

    private int LowerBound(int offset)
    {
        int lo = 0, hi = Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_offsets[mid] < offset) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private void EnsureCapacity()
    {
        if (Count < _offsets.Length) return;
        Array.Resize(ref _offsets, _offsets.Length * 2);
        Array.Resize(ref _values, _values.Length * 2);
    }
}
