using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Tsdb.LoadGen;

/// <summary>
/// The simulated series: node n (host "&lt;prefix&gt;NNNN") exports the collectl template in order, so
/// series i is metric i % template size of node i / template size; the last node may be partial.
/// A name is kept in two UTF-8 parts ready to copy into a line: the node's "&lt;host&gt;." and the metric's
/// "&lt;suffix&gt; " (with the separating space). Memory grows with the nodes, not the series: a million series
/// held a million name arrays before, whose building took half a second and whose collections took the
/// generator's CPU from the server it loads in a fleet's first seconds.
/// </summary>
public sealed class SeriesSet
{
    private readonly MetricShape[] _template;
    private readonly byte[][] _suffixes;
    private readonly byte[][] _hosts;

    public SeriesSet(int seriesCount, string hostPrefix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(seriesCount);
        _template = [.. CollectlNodeTemplate.Metrics];
        _suffixes = Array.ConvertAll(_template, shape => Encoding.UTF8.GetBytes(shape.Suffix + " "));
        Count = seriesCount;
        _hosts = new byte[NodesFor(seriesCount)][];
        byte[] prefix = Encoding.UTF8.GetBytes(hostPrefix);
        Span<byte> digits = stackalloc byte[16];
        for (int node = 0; node < _hosts.Length; node++)
        {
            Utf8Formatter.TryFormat(node, digits, out int n, new StandardFormat('D', 4));
            var host = new byte[prefix.Length + n + 1];
            prefix.CopyTo(host, 0);
            digits[..n].CopyTo(host.AsSpan(prefix.Length));
            host[^1] = (byte)'.';
            _hosts[node] = host;
        }
    }

    public int Count { get; }

    /// <summary>Metrics per node (the template's size).</summary>
    public int MetricsPerNode => _template.Length;

    /// <summary>The shape of series <paramref name="index"/>.</summary>
    public MetricShape Shape(int index) => _template[index % _template.Length];

    /// <summary>"&lt;host&gt;." of node <paramref name="node"/> in UTF-8.</summary>
    public ReadOnlySpan<byte> HostWithDot(int node) => _hosts[node];

    /// <summary>"&lt;suffix&gt; " of template metric <paramref name="metric"/> in UTF-8.</summary>
    public ReadOnlySpan<byte> SuffixWithSpace(int metric) => _suffixes[metric];

    /// <summary>Bytes of series <paramref name="index"/>'s name with its space.</summary>
    public int NameWithSpaceLength(int index) =>
        _hosts[index / _template.Length].Length + _suffixes[index % _template.Length].Length;

    /// <summary>The metric name of series <paramref name="index"/> (without the space).</summary>
    public string Name(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        var suffix = _suffixes[index % _template.Length];
        return Encoding.UTF8.GetString(_hosts[index / _template.Length]) + Encoding.UTF8.GetString(suffix, 0, suffix.Length - 1);
    }

    public static int NodesFor(int seriesCount) => (seriesCount + CollectlNodeTemplate.Metrics.Count - 1) / CollectlNodeTemplate.Metrics.Count;
}
