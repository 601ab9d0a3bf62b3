using BenchmarkDotNet.Attributes;
using Tsdb.Query.Api;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Model;

namespace Tsdb.Benchmarks;

/// <summary>The JSON answer of a Grafana panel with one series per node (groupByNode over 96 nodes):
/// 96 series of 1 h at 1 s (collectl-like bursty integers, the first 40 min null), maxDataPoints=1000.</summary>
[MemoryDiagnoser]
public class RenderJsonBenchmarks
{
    private const int Series = 96, Points = 3600;
    private double[][] _values = null!;
    private RenderRequest _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _values = new double[Series][];
        for (int s = 0; s < Series; s++)
        {
            _values[s] = new double[Points];
            for (int i = 0; i < Points; i++)
                _values[s][i] = i < 2600 ? double.NaN : random.Next(8) == 0 ? random.Next(4097) : 0;
        }
        _request = new RenderRequest(["groupByNode(node*.diskinfo.writekbs.*,0,\"sumSeries\")"], 0, Points, Points,
            TimeZoneInfo.Utc, "json", 1000, false, null, false, 0, new Dictionary<string, string>(), 60, false, false);
    }

    [Benchmark]
    public int Json()
    {
        var data = new List<TimeSeries>(Series);
        for (int s = 0; s < Series; s++)
            data.Add(new TimeSeries($"node{s:D4}", 0, Points, 1, (double[])_values[s].Clone(), $"node{s:D4}"));
        return RenderFormats.Json(data, _request).Length;
    }
}
