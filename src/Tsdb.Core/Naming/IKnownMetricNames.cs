using System.Diagnostics.CodeAnalysis;

namespace Tsdb.Core.Naming;

/// <summary>
/// The canonical metric names a store holds, found by their text. Lets ingestion's name interner hand out the
/// store's own string instance for a name it already holds instead of keeping a second map entry per series
/// (about 56 bytes of each idle series at a million series). Thread-safe; names are never removed.
/// </summary>
public interface IKnownMetricNames
{
    /// <summary>The held instance equal to <paramref name="name"/>, if the store holds that name.</summary>
    bool TryGetName(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out string instance);
}
