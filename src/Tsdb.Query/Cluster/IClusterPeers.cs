using Tsdb.Core;
using Tsdb.Core.Tags;

namespace Tsdb.Query.Cluster;

/// <summary>
/// The other members of a cluster as the query layer sees them: graphite-web's RemoteFinder and
/// RemoteReader (finders/remote.py, readers/remote.py). Implementations ask every reachable peer in
/// parallel with local=1 (so peers never fan out again) and report the peers that did not answer;
/// the caller merges the answers with local data and evaluates functions once. Must be thread-safe.
/// Every call completes when all peers answered, failed or timed out, without holding a thread meanwhile.
/// </summary>
public interface IClusterPeers
{
    /// <summary>Nodes matching a glob on every peer, in peer order (duplicates kept; the caller merges).</summary>
    Task<PeerAnswer<IReadOnlyList<MetricNode>>> FindAsync(string pattern);

    /// <summary>
    /// graphite-web STORE.fetch for remote members: every path pattern (globs, raw seriesByTag texts) in
    /// one call per peer. Series come in peer order, each keyed by the pattern that produced it.
    /// </summary>
    Task<PeerAnswer<IReadOnlyList<PeerSeries>>> FetchAsync(IReadOnlyList<string> patterns, long from, long until, long now);

    /// <summary>Every leaf path of every peer (/metrics/index.json?local=1), unsorted, duplicates kept.</summary>
    Task<PeerAnswer<IReadOnlyList<string>>> IndexAsync();

    /// <summary>
    /// A tags view answering a JSON list of strings (tags/findSeries, tags/autoComplete/tags,
    /// tags/autoComplete/values) asked of every peer with <paramref name="fields"/> and local=1
    /// (find timeout, as graphite-web's RemoteFinder and HttpTagDB ask). Concatenated in peer order.
    /// </summary>
    Task<PeerAnswer<IReadOnlyList<string>>> TagStringsAsync(string view, IReadOnlyList<KeyValuePair<string, string>> fields);

    /// <summary>/tags?local=1 with <paramref name="fields"/> (filter, limit) on every peer, in peer order.</summary>
    Task<PeerAnswer<IReadOnlyList<TagInfo>>> ListTagsAsync(IReadOnlyList<KeyValuePair<string, string>> fields);
}

/// <summary>An answer built from the peers that responded; <see cref="MissingPeers"/> names the others.</summary>
public sealed record PeerAnswer<T>(T Value, IReadOnlyList<string> MissingPeers);

/// <summary>One fetched series as a member returns it in render's pickle format (values: NaN = None).</summary>
public sealed record PeerSeries(string PathExpression, string Name, long Start, long End, long Step, double[] Values);
