using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Tsdb.LoadGen;

/// <summary>The whole loadgen run with --probe-freshness and --query-load against a fake carbon listener and
/// a fake /render that answers the marker once its line has arrived.</summary>
public class SideLoadTests
{
    [Fact]
    public async Task ProbeSeesItsMarkersAndQueriesAreCountedByStatus()
    {
        var lines = new ConcurrentDictionary<string, string>(); // "name timestamp" -> value
        using var carbon = new TcpListener(IPAddress.Loopback, 0);
        carbon.Start();
        var accepting = AcceptLinesAsync(carbon, lines);

        int httpPort = FreePort();
        using var http = new HttpListener();
        http.Prefixes.Add($"http://127.0.0.1:{httpPort}/");
        http.Start();
        int posts = 0;
        var serving = Task.Run(async () =>
        {
            while (http.IsListening)
            {
                HttpListenerContext context;
                try { context = await http.GetContextAsync(); } catch { return; }
                string body = "[]";
                if (context.Request.HttpMethod == "POST")
                {
                    // every other panel request is refused, as MaxConcurrentRenders would
                    context.Response.StatusCode = Interlocked.Increment(ref posts) % 2 == 0 ? 503 : 200;
                }
                else
                {
                    string target = context.Request.QueryString["target"]!;
                    long from = long.Parse(context.Request.QueryString["from"]!);
                    var points = new List<string>();
                    for (long t = from + 1; t <= from + 10; t++)
                        points.Add(lines.TryGetValue($"{target} {t}", out var v) ? $"[{v},{t}]" : $"[null,{t}]");
                    body = $"[{{\"target\":\"{target}\",\"datapoints\":[{string.Join(",", points)}]}}]";
                }
                var bytes = Encoding.UTF8.GetBytes(body);
                try
                {
                    await context.Response.OutputStream.WriteAsync(bytes);
                    context.Response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client gave up on this request (the probe's last poll is cancelled as the load ends). The
                    // loop must go on: when it ended here, the panel requests still in flight waited for the client's
                    // 60 s timeout, and the test took 62 s instead of 2 in loaded runs.
                }
            }
        });

        var settings = new LoadSettings(LoadMode.Flood, "127.0.0.1", ((IPEndPoint)carbon.LocalEndpoint).Port, Series: 10, Rounds: 25,
            Connections: 1, RatePerSecond: 100, Duration: TimeSpan.FromSeconds(20), ProgressInterval: TimeSpan.FromSeconds(10),
            HostPrefix: "node", Seed: 1, FirstTimestamp: DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 24)
        {
            HttpBase = new Uri($"http://127.0.0.1:{httpPort}"),
            ProbeInterval = TimeSpan.FromSeconds(1),
            QueriesPerSecond = 10,
        };
        var output = new StringWriter();
        Assert.Equal(0, await LoadRunner.RunAsync(settings, output, TextWriter.Null, CancellationToken.None));
        http.Stop();
        carbon.Stop();

        var text = output.ToString();
        var freshness = text.Split('\n').Single(l => l.StartsWith("freshness ", StringComparison.Ordinal));
        Assert.Matches(@"probes=[1-9]\d* timeouts=0 median_ms=\d", freshness);
        // Every probe sent its marker; one more may have been sent while the load ended.
        int probes = int.Parse(Regex.Match(freshness, @"probes=(\d+)").Groups[1].Value);
        int markers = int.Parse(Regex.Match(freshness, @" markers=(\d+)$").Groups[1].Value);
        Assert.InRange(markers, probes, probes + 1);
        // The load runs 2-3 s: the first three probes are the start, any later one is "later".
        Assert.Matches(@" start_max_ms=\d+\.\d later_max_ms=(\d+\.\d|NaN) markers=", freshness);
        var queries = text.Split('\n').Single(l => l.StartsWith("queries ", StringComparison.Ordinal));
        Assert.Matches(@"started=(\d+) per_s=\d", queries);
        Assert.Contains("failures=503:", queries);
        Assert.Contains("skipped=0", queries);
        Assert.Contains(text.Split('\n'), l => l.StartsWith("query_medians_ms aliasByNode=", StringComparison.Ordinal));
        Assert.Contains(lines.Keys, k => k.StartsWith("loadgen.probe.freshness ", StringComparison.Ordinal));
        Assert.Contains("node0000.cputotals.user " + settings.FirstTimestamp, lines.Keys);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static async Task AcceptLinesAsync(TcpListener listener, ConcurrentDictionary<string, string> lines)
    {
        while (true)
        {
            TcpClient client;
            try { client = await listener.AcceptTcpClientAsync(); } catch { return; }
            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(client.GetStream(), Encoding.ASCII);
                while (await reader.ReadLineAsync() is { } line)
                {
                    var parts = line.Split(' ');
                    if (parts.Length == 3) lines[$"{parts[0]} {parts[2]}"] = parts[1];
                }
                client.Dispose();
            });
        }
    }
}
