using BenchmarkDotNet.Attributes;
using Tsdb.Query.Graphs;
using Tsdb.Query.Model;

namespace Tsdb.Benchmarks;

/// <summary>A Grafana panel drawn as graphite-web's default answer, an 800x400 PNG: aliasByNode over a node's 9
/// disks for 6 h at 1 s (21,600 points per series, consolidated to the plot area's pixels), as png and as svg,
/// and a stacked area of the same.</summary>
[MemoryDiagnoser]
public class GraphImageBenchmarks
{
    private const int Disks = 9, Points = 21600;
    private double[][] _values = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = new double[Disks][];
        for (int s = 0; s < Disks; s++)
        {
            _values[s] = new double[Points];
            for (int i = 0; i < Points; i++) _values[s][i] = random.Next(8) == 0 ? double.NaN : random.Next(2000) / 100.0;
        }
    }

    private List<GraphSeries> Data() =>
        _values.Select((v, s) => new GraphSeries(new TimeSeries($"vd{(char)('a' + s)}", 0, Points, 1, v, $"node0001.diskinfo.writekbs.vd{(char)('a' + s)}"))).ToList();

    private static GraphParams Options(string format, params (string, object)[] more) =>
        new([new("width", 800L), new("height", 400L), new("outputFormat", format), .. more.Select(m => new KeyValuePair<string, object>(m.Item1, m.Item2))]);

    [Benchmark]
    public int Png() => GraphRenderer.RenderLine(Options("png"), Data(), TimeZoneInfo.Utc, 0).Length;

    [Benchmark]
    public int Svg() => GraphRenderer.RenderLine(Options("svg"), Data(), TimeZoneInfo.Utc, 0).Length;

    [Benchmark]
    public int StackedPng() => GraphRenderer.RenderLine(Options("png", ("areaMode", "stacked")), Data(), TimeZoneInfo.Utc, 0).Length;
}
