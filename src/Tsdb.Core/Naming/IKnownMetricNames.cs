using System.Diagnostics.CodeAnalysis;

namespace Tsdb.Core.Naming;

/// <summary>
/// The canonical metric names a store holds, found by their text. Lets ingestion's name interner hand out the
/// store's own string instance for a name it already holds instead of keeping a second map entry per series
/// (about 56 bytes of each idle series at a million series), with the store's handle of that series, which a
/// <see cref="PointBatch"/> carries so the store's writer finds the series without a lookup of its own.
/// Thread-safe; names are never removed.
/// </summary>
public interface IKnownMetricNames
{
    /// <summary>The series named <paramref name="name"/>, if the store holds it; its
    /// <see cref="ISeriesHandle.Name"/> is the store's instance of the name.</summary>
    bool TryGetSeries(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out ISeriesHandle series);
}
