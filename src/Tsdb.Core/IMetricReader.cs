namespace Tsdb.Core;

/// <summary>One entry of a find: a path that is a branch (has children) or a leaf (has data).
/// A name that is both yields two entries, the branch first, as graphite-web's finders do.</summary>
public readonly record struct MetricNode(string Path, bool IsLeaf);

/// <summary>
/// What a fetch of one series returns, with whisper's fetch semantics: values at
/// Start + i*Step for i in [0, Values.Length), End = Start + Values.Length*Step (exclusive).
/// A missing point is double.NaN (the engine's null; NaN itself is never stored).
/// </summary>
public sealed record SeriesFetchResult(long Start, long End, long Step, double[] Values);

/// <summary>
/// The read side the query layer sees. Implemented by storage (FASTER) and by in-memory test stores;
/// later by remote peers. Must be safe for concurrent readers while the writer runs.
/// </summary>
public interface IMetricReader
{
    /// <summary>Nodes matching a graphite glob pattern (see <see cref="Naming.GlobPattern"/>),
    /// sorted by path, a branch before a leaf of the same path.</summary>
    IReadOnlyList<MetricNode> Find(string pattern);

    /// <summary>The paths of the leaves <see cref="Find"/> returns for <paramref name="pattern"/>, in its order (what a
    /// render fetches).</summary>
    IReadOnlyList<string> FindLeaves(string pattern) => [.. Find(pattern).Where(n => n.IsLeaf).Select(n => n.Path)];

    /// <summary>
    /// whisper's file_fetch(from, until, now): from exclusive, until inclusive, one archive chosen by
    /// the age of <paramref name="from"/>. Null where whisper returns None (unknown series, from &gt; now,
    /// until older than the max retention).
    /// </summary>
    SeriesFetchResult? Fetch(string name, long from, long until, long now);

    /// <summary>Every leaf path, sorted (graphite-web's /metrics/index.json).</summary>
    IReadOnlyList<string> AllLeafPaths();

    /// <summary>
    /// A number that changes whenever a name is added, read before a <see cref="Find"/>: the answer stays valid
    /// while the number is unchanged (names are never removed). Null, the default, when the reader cannot tell;
    /// then no find answer is reused.
    /// </summary>
    long? NamesGeneration => null;
}
