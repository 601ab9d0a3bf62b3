namespace Tsdb.Core;

/// <summary>
/// A batch of decoded points travelling from ingestion to storage through the one bounded channel.
/// Contract: names are already canonical (carbon's rules: tags sorted, leading '~' handled),
/// timestamps are whole epoch seconds (carbon's int() of the float timestamp, -1 already replaced by
/// the arrival time), values are never NaN (NaN is dropped by the parser, +-inf kept).
/// A batch is owned by exactly one party at a time: the producer until it is written to the channel,
/// then the storage writer.
/// <para>Each point may carry the store's handle of its series (<see cref="ISeriesHandle"/>), which spares the
/// writer a lookup by name, or a <see cref="SeriesSlot"/> for the writer to put the series in once it has found it
/// by name, or nothing (a producer without the store), and the writer then finds the series by name.</para>
/// </summary>
public sealed class PointBatch
{
    private string[] _names;
    private object?[] _series;
    private long[] _timestamps;
    private double[] _values;

    public PointBatch(int capacity = 256)
    {
        _names = new string[capacity];
        _series = new object?[capacity];
        _timestamps = new long[capacity];
        _values = new double[capacity];
    }

    /// <summary>Wall-clock arrival time (epoch seconds) of the batch; storage uses it to route each
    /// point to the finest archive whose retention covers the point's age, as whisper does with time.time().</summary>
    public long ArrivalTime { get; set; }

    public int Count { get; private set; }

    /// <summary>Points the batch holds before its arrays grow.</summary>
    public int Capacity => _names.Length;

    public ReadOnlySpan<string> Names => _names.AsSpan(0, Count);

    /// <summary>Each point's <see cref="ISeriesHandle"/>, <see cref="SeriesSlot"/> or null (see the class remarks).</summary>
    public ReadOnlySpan<object?> Series => _series.AsSpan(0, Count);
    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(0, Count);
    public ReadOnlySpan<double> Values => _values.AsSpan(0, Count);

    public void Add(string name, long timestamp, double value, object? series = null)
    {
        if (Count == _names.Length) Grow();
        _names[Count] = name;
        _series[Count] = series;
        _timestamps[Count] = timestamp;
        _values[Count] = value;
        Count++;
    }

    /// <summary>Removes the points whose name <paramref name="drop"/> says to, keeping the others in order; returns how many went.</summary>
    public int RemoveWhere(Func<string, bool> drop)
    {
        int kept = 0;
        for (int i = 0; i < Count; i++)
        {
            if (drop(_names[i])) continue;
            _names[kept] = _names[i];
            _series[kept] = _series[i];
            _timestamps[kept] = _timestamps[i];
            _values[kept] = _values[i];
            kept++;
        }
        int removed = Count - kept;
        Array.Clear(_names, kept, removed);
        Array.Clear(_series, kept, removed);
        Count = kept;
        return removed;
    }

    public void Clear()
    {
        Array.Clear(_names, 0, Count);
        Array.Clear(_series, 0, Count);
        Count = 0;
    }

    private void Grow()
    {
        int size = _names.Length * 2;
        Array.Resize(ref _names, size);
        Array.Resize(ref _series, size);
        Array.Resize(ref _timestamps, size);
        Array.Resize(ref _values, size);
    }
}
