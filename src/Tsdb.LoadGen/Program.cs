using System.CommandLine;
using Tsdb.LoadGen;

var mode = new Option<string>("--mode")
{
    Description = "collectl: one point per series per wall-clock second; flood: as fast as possible (or --rate)",
    DefaultValueFactory = _ => "collectl",
};
mode.AcceptOnlyFromAmong("collectl", "flood");
var host = new Option<string>("--host") { Description = "target address (carbon plaintext listener)", DefaultValueFactory = _ => "127.0.0.1" };
var port = new Option<int>("--port") { Description = "target port", DefaultValueFactory = _ => 2003 };
var series = new Option<int>("--series") { Description = "distinct series (104 per simulated collectl node)", DefaultValueFactory = _ => 10_000 };
var nodes = new Option<int>("--nodes") { Description = "simulated collectl nodes; when given, --series = nodes x 104" };
var points = new Option<long>("--points")
{
    Description = "total points to send, rounded up to whole rounds of every series (default: series x 60)",
};
var connections = new Option<int>("--connections") { Description = "TCP connections; series are split among them", DefaultValueFactory = _ => 1 };
var rate = new Option<long>("--rate") { Description = "flood: at most this many points/s in total (0 = unlimited)" };
var duration = new Option<int>("--duration") { Description = "stop after this many seconds at the latest", DefaultValueFactory = _ => 60 };
var start = new Option<long>("--start")
{
    Description = "flood: timestamp of the first round (default: so that the last round is now)",
};
var prefix = new Option<string>("--host-prefix") { Description = "simulated host names: <prefix>0000, <prefix>0001, ...", DefaultValueFactory = _ => "node" };
var progressSeconds = new Option<double>("--progress") { Description = "seconds between progress lines", DefaultValueFactory = _ => 1.0 };
var seed = new Option<int>("--seed") { Description = "seed of the value generator", DefaultValueFactory = _ => 1 };
var http = new Option<string>("--http")
{
    Description = "base URL of the read API for --probe-freshness and --query-load, e.g. http://127.0.0.1:8080 (TsdbServer, graphite-web) or http://127.0.0.1:38086 (InfluxDB with --api influx)",
};
var api = new Option<string>("--api")
{
    Description = "read API behind --http: graphite (GET/POST /render) or influx (GET /query?db=graphite; --probe-freshness only)",
    DefaultValueFactory = _ => "graphite",
};
api.AcceptOnlyFromAmong("graphite", "influx");
var probeFreshness = new Option<double>("--probe-freshness")
{
    Description = "every this many seconds (at least 1 s apart in timestamps) write a marker point on a separate connection and poll --http until it is returned; prints a 'freshness' line with median/p90/p99/max delay from send to visible (0 = off)",
};
var probeName = new Option<string>("--probe-name") { Description = "series name of the freshness markers", DefaultValueFactory = _ => "loadgen.probe.freshness" };
var queryLoad = new Option<double>("--query-load")
{
    Description = "while sending, start this many Grafana-shaped POST /render requests per second against --http (aliasByNode, sumSeries, groupByNode, highestMax, movingAverage; from=-1h, maxDataPoints=1000); prints a 'queries' line with latencies (0 = off)",
};

AtLeast(port, 1, 65535);
AtLeast(series, 1, 100_000_000);
AtLeast(nodes, 0, 1_000_000);
AtLeast(points, 0, 100_000_000_000);
AtLeast(connections, 1, 10_000);
AtLeast(rate, 0, long.MaxValue);
AtLeast(duration, 1, 86_400);
AtLeast(progressSeconds, 0.1, 3600);
AtLeast(probeFreshness, 0, 3600);
AtLeast(queryLoad, 0, 10_000);

var loadgen = new Command("loadgen", "Send collectl-shaped carbon plaintext to a TsdbServer or any carbon, and report the rate achieved.")
{
    mode, host, port, series, nodes, points, connections, rate, duration, start, prefix, progressSeconds, seed,
    http, api, probeFreshness, probeName, queryLoad,
};
loadgen.Validators.Add(result =>
{
    if ((result.GetValue(probeFreshness) > 0 || result.GetValue(queryLoad) > 0) && string.IsNullOrEmpty(result.GetValue(http)))
        result.AddError("--probe-freshness and --query-load need --http");
    if (result.GetValue(queryLoad) > 0 && result.GetValue(api) == "influx")
        result.AddError("--query-load sends graphite /render requests: use --api graphite");
});
loadgen.SetAction(async (parsed, cancel) =>
{
    int seriesCount = parsed.GetValue(nodes) is > 0 and var n ? n * CollectlNodeTemplate.Metrics.Count : parsed.GetValue(series);
    long total = parsed.GetValue(points) is > 0 and var p ? p : (long)seriesCount * 60;
    long rounds = (total + seriesCount - 1) / seriesCount;
    var loadMode = parsed.GetValue(mode) == "flood" ? LoadMode.Flood : LoadMode.Collectl;
    long first = parsed.GetValue(start) is > 0 and var s ? s : DateTimeOffset.UtcNow.ToUnixTimeSeconds() - rounds + 1;
    var settings = new LoadSettings(loadMode, parsed.GetValue(host)!, parsed.GetValue(port), seriesCount, rounds,
        parsed.GetValue(connections), parsed.GetValue(rate), TimeSpan.FromSeconds(parsed.GetValue(duration)),
        TimeSpan.FromSeconds(parsed.GetValue(progressSeconds)), parsed.GetValue(prefix)!, (ulong)parsed.GetValue(seed), first)
    {
        HttpBase = parsed.GetValue(http) is { Length: > 0 } url ? new Uri(url) : null,
        Api = parsed.GetValue(api) == "influx" ? ReadApi.Influx : ReadApi.Graphite,
        ProbeInterval = TimeSpan.FromSeconds(parsed.GetValue(probeFreshness)),
        ProbeName = parsed.GetValue(probeName)!,
        QueriesPerSecond = parsed.GetValue(queryLoad),
    };
    return await LoadRunner.RunAsync(settings, Console.Out, Console.Error, cancel);
});

var namesSeries = new Option<int>("--series") { Description = "distinct series of the load", DefaultValueFactory = _ => 10_000 };
var namesIndex = new Option<int[]>("--index") { Description = "series index (0-based; repeat for several); default: all", AllowMultipleArgumentsPerToken = true };
var namesPrefix = new Option<string>("--host-prefix") { Description = "simulated host names prefix", DefaultValueFactory = _ => "node" };
AtLeast(namesSeries, 1, 100_000_000);
var names = new Command("names", "Print the metric names loadgen sends for --series (one per line), e.g. to query a sample of them.")
{
    namesSeries, namesIndex, namesPrefix,
};
names.SetAction(parsed =>
{
    var set = new SeriesSet(parsed.GetValue(namesSeries), parsed.GetValue(namesPrefix)!);
    var indexes = parsed.GetValue(namesIndex) is { Length: > 0 } given ? given : Enumerable.Range(0, set.Count).ToArray();
    foreach (int i in indexes)
    {
        if (i < 0 || i >= set.Count) { Console.Error.WriteLine($"index {i} out of [0, {set.Count})"); return 2; }
        Console.Out.WriteLine(set.Name(i));
    }
    return 0;
});

var root = new RootCommand("TsdbServer tools") { loadgen, names };
return await root.Parse(args).InvokeAsync();

static void AtLeast<T>(Option<T> option, T min, T max) where T : IComparable<T> =>
    option.Validators.Add(result =>
    {
        T value = result.GetValueOrDefault<T>();
        if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0) result.AddError($"{option.Name} must be in [{min}, {max}] (got {value})");
    });
