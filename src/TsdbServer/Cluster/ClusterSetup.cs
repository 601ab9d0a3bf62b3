using Tsdb.Cluster;
using TsdbServer.Options;

namespace TsdbServer.Cluster;

/// <summary>
/// The read side of a cluster (--peers): one <see cref="ClusterPeers"/> for the whole server, shared
/// by render, metrics and tags, disposed with the host. Without peers it has no members, and the query
/// services get null so they read local data only.
/// </summary>
public static class ClusterSetup
{
    public static ClusterPeers Create(ServerOptions options, ILoggerFactory loggers, TimeProvider time) =>
        new(new ClusterOptions { Peers = ClusterOptions.ParsePeers(options.Peers) }, loggers, time);

    /// <summary>The peers to give the query services: null for a single node.</summary>
    public static ClusterPeers? ForQueries(this ClusterPeers peers) => peers.Status().Count == 0 ? null : peers;
}
