using BenchmarkDotNet.Attributes;
using Tsdb.Query.Api;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Model;

namespace Tsdb.Benchmarks;

/// <summary>The JSON answer of a Grafana panel with one series per node (groupByNode over 96 nodes):
/// 96 series of 1 h at 1 s (collectl-like bursty integers, the first 40 min null), maxDataPoints=1000; and
/// <see cref="AveragedJson"/>, aliasByNode over a node's 9 disks for 6 h: 21,600 small decimals per series
/// averaged 22 to a point, so nearly every value written needs all 16-17 shortest digits; and a large answer
/// without maxDataPoints (100 series of 1 h at 1 s, about 7 MB) written as one string then encoded, as the
/// server did, against <see cref="LargeJsonUtf8"/>, written in pooled UTF-8 pieces as it does now.</summary>
[MemoryDiagnoser]
public class RenderJsonBenchmarks
{
    private const int Series = 96, Points = 3600;
    private const int Disks = 9, DiskPoints = 21600;
    private double[][] _values = null!;
    private double[][] _diskValues = null!;
    private RenderRequest _request = null!;
    private RenderRequest _diskRequest = null!;

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
        _diskValues = new double[Disks][];
        for (int s = 0; s < Disks; s++)
        {
            _diskValues[s] = new double[DiskPoints];
            for (int i = 0; i < DiskPoints; i++) _diskValues[s][i] = random.Next(2000) / 100.0;
        }
        _diskRequest = new RenderRequest(["aliasByNode(node0001.diskinfo.*.vda,0,2)"], 0, DiskPoints, DiskPoints,
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

    [Benchmark]
    public long LargeJsonString()
    {
        string text = RenderFormats.Json(LargeAnswer(), _largeRequest);
        return System.Text.Encoding.UTF8.GetByteCount(text);
    }

    [Benchmark]
    public long LargeJsonUtf8()
    {
        using var body = RenderFormats.JsonUtf8(LargeAnswer(), _largeRequest);
        return body.Length;
    }

    private List<TimeSeries> LargeAnswer()
    {
        var data = new List<TimeSeries>(LargeSeries);
        for (int s = 0; s < LargeSeries; s++)
            data.Add(new TimeSeries($"node{s:D4}.diskinfo.writekbs.vda", 0, Points, 1, _diskValues[s % Disks][..Points], "node*.diskinfo.writekbs.vda"));
        return data;
    }

    private const int LargeSeries = 100;
    private readonly RenderRequest _largeRequest = new(["node*.diskinfo.writekbs.vda"], 0, Points, Points,
        TimeZoneInfo.Utc, "json", null, false, null, false, 0, new Dictionary<string, string>(), 60, false, false);

    [Benchmark]
    public int AveragedJson()
    {
        var data = new List<TimeSeries>(Disks);
        for (int s = 0; s < Disks; s++)
            data.Add(new TimeSeries($"node0001.disk{s}", 0, DiskPoints, 1, _diskValues[s], $"node0001.diskinfo.*.vda")); // never written
        return RenderFormats.Json(data, _diskRequest).Length;
    }
}
