using Tsdb.Core;

namespace Tsdb.Query.Cluster;

/// <summary>
/// The other members of a cluster as the query layer sees them: graphite-web's RemoteFinder and
/// RemoteReader (finders/remote.py, readers/remote.py). Implementations ask every reachable peer in
/// parallel with local=1 (so peers never fan out again) and report the peers that did not answer;
/// the caller merges the answers with local data and evaluates functions once. Must be thread-safe.
/// </summary>
public interface IClusterPeers
{
    /// <summary>Nodes matching a glob on every peer, in peer order (duplicates kept; the caller merges).</summary>
    PeerAnswer<IReadOnlyList<MetricNode>> Find(string pattern);

    /// <summary>
    /// graphite-web STORE.fetch for remote members: every path pattern (globs, raw seriesByTag texts) in
    /// one call per peer. Series come in peer order, each keyed by the pattern that produced it.
    /// </summary>
    PeerAnswer<IReadOnlyList<PeerSeries>> Fetch(IReadOnlyList<string> patterns, long from, long until, long now);

    /// <summary>Every leaf path of every peer (/metrics/index.json?local=1), unsorted, duplicates kept.</summary>
    PeerAnswer<IReadOnlyList<string>> Index();
}

/// <summary>An answer built from the peers that responded; <see cref="MissingPeers"/> names the others.</summary>
public sealed record PeerAnswer<T>(T Value, IReadOnlyList<string> MissingPeers);

/// <summary>One fetched series as a member returns it in render's pickle format (values: NaN = None).</summary>
public sealed record PeerSeries(string PathExpression, string Name, long Start, long End, long Step, double[] Values);
