namespace Tsdb.LoadGen;

/// <summary>
/// Produces collectl-like values for a range of series, one step per simulated second. Values are kept
/// as integers (hundredths for <see cref="ValueKind.Decimal2"/>) so they print exactly as collectl does.
/// Deterministic for a seed; one instance per connection (not thread-safe).
/// </summary>
public sealed class ValueGenerator
{
    private readonly MetricShape[] _shapes;
    private readonly long[] _current;
    private ulong _state;

    /// <summary>Values for series [<paramref name="first"/>, <paramref name="first"/> + <paramref name="count"/>) of
    /// <paramref name="series"/>.</summary>
    public ValueGenerator(SeriesSet series, int first, int count, ulong seed)
    {
        _shapes = new MetricShape[count];
        for (int i = 0; i < count; i++) _shapes[i] = series.Shape(first + i);
        _current = new long[count];
        for (int i = 0; i < count; i++) _current[i] = _shapes[i].Mean;
        _state = seed | 1;
    }

    /// <summary>Advances series <paramref name="local"/> (index within this generator's range) by one second.</summary>
    public long Next(int local)
    {
        var shape = _shapes[local];
        long v = _current[local];
        switch (shape.Kind)
        {
            case ValueKind.Percent:
                v = Math.Clamp(shape.Mean + Jitter(shape.Scale), 0, 100);
                break;
            case ValueKind.Bursty:
                ulong r = NextRandom();
                v = (r & 7) == 0 ? (long)((r >> 8) % (ulong)(shape.Scale + 1)) : 0;
                break;
            case ValueKind.Drift:
                v = Math.Max(0, v + Jitter(shape.Scale));
                break;
            case ValueKind.Decimal2:
                v = Math.Clamp(v + Jitter(3), 0, shape.Scale);
                break;
        }
        _current[local] = v;
        return v;
    }

    public ValueKind KindOf(int local) => _shapes[local].Kind;

    private long Jitter(long scale) => scale == 0 ? 0 : (long)(NextRandom() % (ulong)(2 * scale + 1)) - scale;

    // xorshift64*: cheap and good enough for test data.
    private ulong NextRandom()
    {
        _state ^= _state >> 12;
        _state ^= _state << 25;
        _state ^= _state >> 27;
        return _state * 2685821657736338717UL;
    }
}
