using System.Text;

namespace Tsdb.LoadGen;

/// <summary>
/// The simulated series: node n (host "&lt;prefix&gt;NNNN") exports the collectl template in order, so
/// series i is metric i % template size of node i / template size; the last node may be partial.
/// Names are kept as UTF-8 with the separating space, ready to copy into a line.
/// </summary>
public sealed class SeriesSet
{
    private readonly byte[][] _namePrefixes;

    public SeriesSet(int seriesCount, string hostPrefix)
    {
        var template = CollectlNodeTemplate.Metrics;
        Shapes = new MetricShape[seriesCount];
        _namePrefixes = new byte[seriesCount][];
        for (int i = 0; i < seriesCount; i++)
        {
            var shape = template[i % template.Count];
            Shapes[i] = shape;
            _namePrefixes[i] = Encoding.UTF8.GetBytes($"{hostPrefix}{i / template.Count:D4}.{shape.Suffix} ");
        }
    }

    public int Count => Shapes.Length;
    public MetricShape[] Shapes { get; }

    /// <summary>"name " of series <paramref name="index"/> in UTF-8.</summary>
    public ReadOnlySpan<byte> NameWithSpace(int index) => _namePrefixes[index];

    /// <summary>The metric name of series <paramref name="index"/> (without the space).</summary>
    public string Name(int index) => Encoding.UTF8.GetString(_namePrefixes[index].AsSpan(0, _namePrefixes[index].Length - 1));

    public static int NodesFor(int seriesCount) => (seriesCount + CollectlNodeTemplate.Metrics.Count - 1) / CollectlNodeTemplate.Metrics.Count;
}
