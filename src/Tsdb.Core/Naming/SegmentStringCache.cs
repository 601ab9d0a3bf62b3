namespace Tsdb.Core.Naming;

/// <summary>
/// Hands out one string instance for equal name segments seen close together: a direct-mapped table of
/// <see cref="Slots"/> strings indexed by the segment's hash, where a new segment replaces whatever shared its
/// slot. Metric names repeat their segments across hosts and devices (<c>diskinfo</c>, <c>writekbs</c>,
/// <c>vda</c>, <c>user</c>), so a tree of a million names kept about a million copies of a few hundred strings;
/// with this table it keeps a few hundred. The table has a fixed size (no entry per distinct segment, unlike an
/// intern pool), so names made of unique segments cost nothing more than before. Not thread-safe: one writer.
/// </summary>
internal sealed class SegmentStringCache
{
    public const int Slots = 1 << 14;

    private readonly string?[] _slots = new string?[Slots];

    /// <summary>The cached instance equal to <paramref name="segment"/>, or a new string that takes its slot.</summary>
    public string Get(ReadOnlySpan<char> segment)
    {
        ref var slot = ref _slots[string.GetHashCode(segment) & (Slots - 1)];
        if (slot is { } cached && segment.SequenceEqual(cached)) return cached;
        return slot = segment.ToString();
    }
}
