using System.Security.Cryptography;
using System.Text;

namespace Tsdb.Cluster;

/// <summary>A relay destination: host as written (never resolved), port, optional instance ("host:port=instance").</summary>
public sealed record RingNode(string Host, int Port, string? Instance)
{
    public override string ToString() => Instance is null ? $"{Host}:{Port}" : $"{Host}:{Port}={Instance}";
}

/// <summary>
/// carbon's consistent-hash ring (carbon hashing.py ConsistentHashRing, "carbon_ch" in carbon-c-relay's
/// consistent-hash.c), spec §10: each node gets 100 ring entries at position = first two bytes (big-endian)
/// of MD5 over the Python tuple text of (host, instance) plus ":i", e.g. "('127.0.0.1', 'a'):0" or
/// "('127.0.0.1', None):0"; the port is not hashed. A metric goes to the first entry at or after its
/// own position (wrapping), further replicas to the next entries of other nodes. Equal positions are
/// ordered by (host, instance) as carbon-c-relay orders them. Tells which members hold a series.
/// </summary>
public sealed class CarbonHashRing
{
    private const int ReplicasPerNode = 100;
    private readonly (int Position, RingNode Node)[] _ring;
    private readonly int _nodeCount;

    public CarbonHashRing(IEnumerable<RingNode> nodes)
    {
        var list = nodes.ToList();
        _nodeCount = list.Count;
        _ring = list
            .SelectMany(n => Enumerable.Range(0, ReplicasPerNode).Select(i => (Position(NodeKey(n) + ":" + i), n)))
            .OrderBy(e => e.Item1).ThenBy(e => e.n.Host, StringComparer.Ordinal).ThenBy(e => e.n.Instance, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The ring position of a key: MD5's first two bytes as a big-endian unsigned 16-bit number.</summary>
    public static int Position(string key)
    {
        Span<byte> hash = stackalloc byte[16];
        MD5.HashData(Encoding.UTF8.GetBytes(key), hash);
        return hash[0] << 8 | hash[1];
    }

    /// <summary>
    /// The key carbon-c-relay 3.7.3 hashes when it routes a line: the metric name before the first ';', so
    /// every series of a tagged name goes to the same nodes (seen on loopback; its -t test mode hashes the
    /// whole name instead). carbon's own relay hashes the whole name.
    /// </summary>
    public static string RelayKey(string metric) => metric.IndexOf(';') is var i and >= 0 ? metric[..i] : metric;

    /// <summary>The distinct nodes holding a series whose ring key is <paramref name="metric"/>, primary first.</summary>
    public IReadOnlyList<RingNode> Nodes(string metric, int replication)
    {
        int wanted = Math.Min(replication, _nodeCount);
        var result = new List<RingNode>(wanted);
        if (wanted == 0) return result;
        int position = Position(metric);
        int start = Array.FindIndex(_ring, e => e.Position >= position);
        if (start < 0) start = 0;
        for (int i = 0; i < _ring.Length && result.Count < wanted; i++)
        {
            var node = _ring[(start + i) % _ring.Length].Node;
            if (!result.Contains(node)) result.Add(node);
        }
        return result;
    }

    // str((host, instance)) in Python.
    private static string NodeKey(RingNode n) => $"('{n.Host}', {(n.Instance is null ? "None" : "'" + n.Instance + "'")})";
}
