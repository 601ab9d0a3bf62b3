using System.Net;
using System.Net.Sockets;
using System.Text;
using Tsdb.LoadGen;

/// <summary>What tsdb-loadgen puts on the wire, through a real socket: every series' line once per round, named
/// "&lt;host&gt;NNNN.&lt;metric&gt;" as collectl names them, whatever range of nodes each connection carries (ranges
/// that start and end inside a node, a partial last node) and however the lines are split into sends.</summary>
public class WireLinesTests
{
    [Theory]
    [InlineData(250, 3, 2)]
    [InlineData(104, 1, 1)]
    [InlineData(1000, 7, 3)]
    public async Task Every_series_is_sent_once_per_round_with_its_collectl_name(int series, int connections, int rounds)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var received = new List<string>();
        var accepting = AcceptAllAsync(listener, connections, received);
        const long First = 1795727302;
        var settings = new LoadSettings(LoadMode.Flood, "127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, series, rounds,
            connections, RatePerSecond: 0, Duration: TimeSpan.FromSeconds(30), ProgressInterval: TimeSpan.FromSeconds(30),
            HostPrefix: "vm", Seed: 5, FirstTimestamp: First);

        Assert.Equal(0, await LoadRunner.RunAsync(settings, TextWriter.Null, TextWriter.Null, CancellationToken.None));
        await accepting;
        listener.Stop();

        var template = CollectlNodeTemplate.Metrics;
        var expected = Enumerable.Range(0, rounds).SelectMany(r => Enumerable.Range(0, series)
            .Select(i => $"vm{i / template.Count:D4}.{template[i % template.Count].Suffix} {First + r}")).Order().ToList();
        var names = received.Select(line => line.Split(' ')).Select(f => $"{f[0]} {f[2]}").Order().ToList();
        Assert.Equal(expected, names);
        Assert.All(received, line => Assert.Matches(@"^\S+ \d+(\.\d\d)? \d+$", line));
        var set = new SeriesSet(series, "vm");
        Assert.Equal($"vm0000.{template[0].Suffix}", set.Name(0));
        Assert.Equal($"vm{(series - 1) / template.Count:D4}.{template[(series - 1) % template.Count].Suffix}", set.Name(series - 1));
    }

    [Fact]
    public void Hosts_past_9999_get_five_digits_as_before()
    {
        var set = new SeriesSet(10_001 * 104, "node");
        Assert.Equal("node10000.cputotals.user", set.Name(10_000 * 104));
        Assert.Equal("node0999.tcpinfo.icmperrs", set.Name(1_000 * 104 - 1));
    }

    private static async Task AcceptAllAsync(TcpListener listener, int connections, List<string> received)
    {
        var readers = new List<Task<string>>();
        for (int c = 0; c < connections; c++)
        {
            var client = await listener.AcceptTcpClientAsync();
            readers.Add(ReadAllAsync(client));
        }
        foreach (var text in await Task.WhenAll(readers))
            received.AddRange(text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private static async Task<string> ReadAllAsync(TcpClient client)
    {
        using (client)
        {
            using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync();
        }
    }
}
