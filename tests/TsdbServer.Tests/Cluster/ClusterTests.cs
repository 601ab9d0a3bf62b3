using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Tsdb.Cluster;
using Tsdb.Protocols.Pickle;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Cluster;

/// <summary>
/// Three nodes, each with the other two as --peers, fed the collectl capture and a tagged data set through carbon-c-relay
/// (carbon_ch, replication 2) when /usr/bin/carbon-c-relay exists, else through this suite's own carbon_ch
/// ring (same placement, see CarbonHashRingTests). Every node must answer find/expand/index/render/tags exactly
/// as one node fed everything does (tag and value ids aside: they are each database's own); with a node stopped the other two still must (each series has a
/// replica) and say which peer was missing; a restarted node answers for the cluster again.
/// </summary>
public sealed class ClusterTests
{
    private const long FirstTs = 1795727302, LastTs = 1795727361;
    private const string Range = "&from=1795727301&until=1795727361&now=1795727421";
    private const string RelayBinary = "/usr/bin/carbon-c-relay";

    private static readonly string[] Queries =
    [
        "/metrics/find?query=*",
        "/metrics/find?query=vm.*",
        "/metrics/find?query=vm.cpuinfo.*",
        "/metrics/find?query=vm.*.*.cpu1&format=completer",
        "/metrics/find?query=vm.cpuload.*&format=json",
        "/metrics/expand?query=vm.*.*&query=vm.diskinfo.*.*&leavesOnly=1",
        "/metrics/index.json",
        "/render?format=json&target=vm.*.*&target=vm.*.*.*" + Range,
        "/render?format=raw&target=sumSeries(vm.cpuinfo.*.*)&target=aliasByNode(vm.diskinfo.*.*,2,3)" + Range,
        "/render?format=json&target=highestMax(vm.*.*.*,3)&target=averageSeries(vm.cpuload.*)&target=timeShift(vm.cpuload.avg1,'10s')" + Range,
        "/render?format=csv&target=seriesByTag('name=vm.cpuload.avg1')&target=vm.memory.*&maxDataPoints=10" + Range,
        "/render?format=json&target=seriesByTag('name=disk.used','dc=lab')&target=sumSeries(seriesByTag('name=~cpu.*','host!=h3'))" + Range,
        "/render?format=json&target=groupByTags(seriesByTag('name=disk.used'),'sum','dc')" + Range,
        "/tags/autoComplete/tags",
        "/tags/autoComplete/tags?tagPrefix=&limit=2",
        "/tags/autoComplete/tags?expr=name%3Ddisk.used&tagPrefix=r",
        "/tags/autoComplete/values?tag=host",
        "/tags/autoComplete/values?tag=host&expr=dc%3Dlab&valuePrefix=h&limit=3",
        "/tags/autoComplete/values?tag=name&limit=1",
        "/tags/findSeries?expr=dc%3Dlab",
        "/tags/findSeries?expr=name%3D~disk.*&expr=host!%3Dh1",
        "/tags",
        "/tags?filter=h&limit=5",
        "/tags/host",
        "/tags/rack?filter=r1",
        "/tags/unknown",
    ];

    /// <summary>24 tagged series (canonical names) with a point each second of the capture's first 10 s; the relay
    /// puts each name's series on one pair of nodes, and the three names on three different pairs.</summary>
    private static byte[] TaggedData()
    {
        var lines = new StringBuilder();
        for (int h = 0; h < 8; h++)
            foreach (var metric in new[] { "disk.used", "cpu.load", "net.rx" })
                for (long t = FirstTs; t < FirstTs + 10; t++)
                    lines.Append(CultureInfo.InvariantCulture,
                        $"{metric};dc={(h % 3 == 0 ? "prod" : "lab")};host=h{h};rack=r{h % 2} {h * 10 + t - FirstTs} {t}\n");
        return Encoding.ASCII.GetBytes(lines.ToString());
    }

    [Fact]
    public async Task Every_node_answers_for_the_whole_cluster_and_survives_a_node_down()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LastTs + 60));
        byte[] capture = [.. await File.ReadAllBytesAsync(RepoPaths.CollectlCapture), .. TaggedData()];
        int lines = capture.Count(b => b == (byte)'\n');

        using var referenceDir = new TempDirectory();
        await using var reference = await InProcessServer.StartAsync(referenceDir.Path, clock);
        await reference.SendPlaintextAsync(capture);
        await reference.WaitUntilStoredAsync();
        var expected = new Dictionary<string, string>();
        foreach (var q in Queries) expected[q] = await Body(reference.Http, q);
        Assert.Contains("vm.cpuload.avg1", expected["/metrics/index.json"]);
        Assert.Contains("disk.used;dc=lab;host=h1;rack=r1", expected["/tags/findSeries?expr=dc%3Dlab"]);
        Assert.Equal("null", expected["/tags/unknown"]);

        using var dirs = new NodeDirectories(3);
        int[] httpPorts = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];
        string Url(int i) => $"http://127.0.0.1:{httpPorts[i]}";
        string PeersOf(int i) => string.Join(",", Enumerable.Range(0, 3).Where(j => j != i).Select(Url));
        Task<InProcessServer> Start(int i) => InProcessServer.StartAsync(dirs[i], httpPorts[i], clock, "--peers", PeersOf(i));
        var nodes = new InProcessServer?[3];
        try
        {
            for (int i = 0; i < 3; i++) nodes[i] = await Start(i);
            var live = nodes.Select(n => n!).ToArray();
            var ring = new[] { new RingNode("127.0.0.1", live[0].LinePort, "a"), new RingNode("127.0.0.1", live[1].LinePort, "b"),
                new RingNode("127.0.0.1", live[2].LinePort, "c") };
            if (File.Exists(RelayBinary)) await SendThroughRelayAsync(capture, ring, live, 2L * lines);
            else await SendByRingAsync(capture, ring, live);
            await WaitForPointsAsync(live, 2L * lines);
            foreach (var node in live) await node.WaitUntilStoredAsync();

            // Replication 2 over 3 nodes: each node holds exactly the series carbon_ch gives it (so the
            // relay and this suite's ring agree on real names; the relay hashes a tagged name without its
            // tags), and no node holds everything. Tagged series are listed by the tag database (index.json
            // shows their _tagged paths).
            var hashRing = new CarbonHashRing(ring);
            var names = Encoding.ASCII.GetString(capture).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l[..l.IndexOf(' ')]).Distinct().Order(StringComparer.Ordinal).ToList();
            static string JsonList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(n => $"\"{n}\"")) + "]";
            for (int i = 0; i < 3; i++)
            {
                var owned = names.Where(n => hashRing.Nodes(CarbonHashRing.RelayKey(n), 2).Contains(ring[i])).ToList();
                var (tagged, plain) = (owned.Where(n => n.Contains(';')).ToList(), owned.Where(n => !n.Contains(';')).ToList());
                Assert.InRange(plain.Count, 1, names.Count(n => !n.Contains(';')) - 1);
                Assert.InRange(tagged.Count, 1, names.Count(n => n.Contains(';')) - 1);
                string index = await Body(live[i].Http, "/metrics/index.json?local=1");
                Assert.Equal(JsonList(plain), Regex.Replace(index, "\"_tagged[^\"]*\"(, )?", "").Replace(", ]", "]"));
                Assert.Equal(JsonList(tagged), await Body(live[i].Http, "/tags/findSeries?local=1&expr=name!%3D"));
            }

            for (int i = 0; i < 3; i++)
                foreach (var q in Queries)
                    await AssertAnswerAsync(expected[q], live[i].Http, q, $"node {i}");

            // One node down: the answers stay complete, and say which peer was missing.
            await live[2].DisposeAsync();
            nodes[2] = null;
            for (int i = 0; i < 2; i++)
            {
                foreach (var q in Queries)
                {
                    using var response = await live[i].Http.GetAsync(q);
                    Assert.True(expected[q] == WithoutIds(await response.Content.ReadAsStringAsync()), $"node {i} with node 2 down: {q}");
                    Assert.Equal(Url(2), Assert.Single(response.Headers.GetValues("X-Tsdb-Missing-Peers")));
                }
            }
            string health = await Body(live[0].Http, "/health");
            Assert.Contains($"\"peer\":\"{Url(2)}\",\"state\":\"backoff\"", health);
            Assert.Contains($"\"peer\":\"{Url(1)}\",\"state\":\"up\"", health);

            // Restarted on its data folder and port, the node answers for the cluster again.
            nodes[2] = await Start(2);
            foreach (var q in Queries)
                await AssertAnswerAsync(expected[q], nodes[2]!.Http, q, "restarted node 2");
        }
        finally
        {
            foreach (var node in nodes)
                if (node is not null) await node.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pickle_formats_have_the_shapes_a_graphite_web_front_end_reads()
    {
        using var dir = new TempDirectory();
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LastTs + 60));
        await using var node = await InProcessServer.StartAsync(dir.Path, clock);
        await node.SendPlaintextAsync(Encoding.ASCII.GetBytes($"a.b.c 1.5 {FirstTs}\na.b.c 3 {FirstTs + 2}\na.b.d 7 {FirstTs}\n"));
        await node.WaitUntilStoredAsync();

        using var render = await node.Http.GetAsync($"/render/?format=pickle&local=1&noCache=1&target=a.b.*&from={FirstTs - 1}&until={FirstTs + 2}&now={LastTs + 60}");
        Assert.Equal("application/pickle", render.Content.Headers.ContentType!.MediaType);
        var series = Assert.IsType<List<object?>>(RestrictedUnpickler.Load(await render.Content.ReadAsByteArrayAsync()));
        Assert.Equal(2, series.Count);
        var first = Assert.IsType<PickleDict>(series[0]);
        Assert.Equal(["name", "start", "end", "step", "values", "pathExpression", "valuesPerPoint", "consolidationFunc", "xFilesFactor"],
            first.Items.Select(kv => (string)kv.Key!));
        Assert.Equal(new object?[] { "a.b.c", FirstTs, FirstTs + 3, 1L, new List<object?> { 1.5, null, 3.0 }, "a.b.*", 1L, "average", 0.0 },
            first.Items.Select(kv => kv.Value));

        using var find = await node.Http.GetAsync("/metrics/find/?local=1&format=pickle&query=a.*");
        Assert.Equal("application/pickle", find.Content.Headers.ContentType!.MediaType);
        var nodes = Assert.IsType<List<object?>>(RestrictedUnpickler.Load(await find.Content.ReadAsByteArrayAsync()));
        var branch = Assert.IsType<PickleDict>(Assert.Single(nodes));
        Assert.Equal([new("path", "a.b"), new("is_leaf", false)], branch.Items);

        var leaves = Assert.IsType<List<object?>>(RestrictedUnpickler.Load(
            await node.Http.GetByteArrayAsync("/metrics/find/?local=1&format=pickle&query=a.b.*")));
        var leaf = Assert.IsType<PickleDict>(leaves[0]);
        Assert.Equal(["path", "is_leaf", "intervals"], leaf.Items.Select(kv => (string)kv.Key!));
        Assert.Equal("a.b.c", leaf.Items[0].Value);
        Assert.Equal(true, leaf.Items[1].Value);
        var interval = Assert.IsType<object?[]>(Assert.Single(Assert.IsType<List<object?>>(leaf.Items[2].Value)));
        Assert.Equal(new object?[] { (double)(LastTs + 60 - 365 * 86400), (double)(LastTs + 60) }, interval);
    }

    [Fact]
    public async Task Peers_option_is_validated_at_startup()
    {
        using var dir = new TempDirectory();
        var e = await Assert.ThrowsAsync<TsdbServer.Options.OptionsException>(() =>
            InProcessServer.StartAsync(dir.Path, null, "--peers", "http://127.0.0.1:1,127.0.0.2:8080"));
        Assert.Contains("--peers (Tsdb:Peers): '127.0.0.2:8080' is not an http://host:port address", e.Message);
    }

    private static async Task AssertAnswerAsync(string expected, HttpClient http, string path, string who)
    {
        using var response = await http.GetAsync(path);
        string body = WithoutIds(await response.Content.ReadAsStringAsync());
        string missing = response.Headers.TryGetValues("X-Tsdb-Missing-Peers", out var m) ? string.Join(",", m) : "none";
        Assert.True(expected == body, $"{who}: {path} (missing peers: {missing})\nexpected: {expected}\nactual:   {body}");
    }

    private static async Task<string> Body(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
        return WithoutIds(body);
    }

    /// <summary>Tag and value ids are each tag database's own numbering, so answers are compared without them.</summary>
    private static string WithoutIds(string body) => Regex.Replace(body, "\"id\": [0-9]+", "\"id\": _");

    /// <summary>carbon-c-relay on a loopback port with the shipped deploy/carbon-c-relay.conf's cluster shape.</summary>
    private static async Task SendThroughRelayAsync(byte[] capture, RingNode[] ring, InProcessServer[] nodes, long expectedPoints)
    {
        using var dir = new TempDirectory();
        int port = FreePorts.Next();
        string config = Path.Combine(dir.Path, "relay.conf");
        await File.WriteAllTextAsync(config, $"""
            listen type linemode 127.0.0.1:{port} proto tcp ;
            cluster tsdb carbon_ch replication 2
                {string.Join("\n    ", ring.Select(n => n.ToString()))}
                ;
            match * send to tsdb stop ;
            """);
        var psi = new ProcessStartInfo(RelayBinary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-s", "-f", config, "-p", port.ToString(CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        using var relay = Process.Start(psi)!;
        var output = new StringBuilder();
        relay.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        relay.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        relay.BeginOutputReadLine();
        relay.BeginErrorReadLine();
        try
        {
            using var client = new TcpClient();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (true)
            {
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline && !relay.HasExited)
                {
                    await Task.Delay(50);
                }
            }
            await client.GetStream().WriteAsync(capture);
            client.Client.Shutdown(SocketShutdown.Send);
            // The relay forwards asynchronously: keep it running until the nodes have everything.
            try
            {
                await WaitForPointsAsync(nodes, expectedPoints);
            }
            catch (TimeoutException e)
            {
                lock (output) throw new TimeoutException(e.Message + "; carbon-c-relay said:\n" + output, e);
            }
        }
        finally
        {
            if (!relay.HasExited) relay.Kill();
            await relay.WaitForExitAsync();
        }
    }

    /// <summary>Without the relay: each line to the two nodes carbon_ch picks, as the relay would.</summary>
    private static async Task SendByRingAsync(byte[] capture, RingNode[] ring, InProcessServer[] nodes)
    {
        var hashRing = new CarbonHashRing(ring);
        var perNode = ring.ToDictionary(n => n, _ => new StringBuilder());
        foreach (var line in Encoding.ASCII.GetString(capture).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            foreach (var owner in hashRing.Nodes(CarbonHashRing.RelayKey(line[..line.IndexOf(' ')]), 2))
                perNode[owner].Append(line).Append('\n');
        for (int i = 0; i < nodes.Length; i++)
            await nodes[i].SendPlaintextAsync(Encoding.ASCII.GetBytes(perNode[ring[i]].ToString()));
    }

    private static async Task WaitForPointsAsync(InProcessServer[] nodes, long expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (nodes.Sum(n => n.Counters.Snapshot().PointsReceived) < expected)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"nodes received {nodes.Sum(n => n.Counters.Snapshot().PointsReceived)} of {expected} points");
            await Task.Delay(50);
        }
        Assert.Equal(expected, nodes.Sum(n => n.Counters.Snapshot().PointsReceived));
    }

    /// <summary>Three data folders that outlive a node's restart.</summary>
    private sealed class NodeDirectories(int count) : IDisposable
    {
        private readonly TempDirectory[] _dirs = Enumerable.Range(0, count).Select(_ => new TempDirectory()).ToArray();
        public string this[int i] => _dirs[i].Path;
        public void Dispose() { foreach (var d in _dirs) d.Dispose(); }
    }
}
