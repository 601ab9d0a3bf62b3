using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tsdb.Ingestion.Tests;

public class PlaintextListenerTests
{
    [Fact]
    public async Task Collectl_capture_replayed_over_tcp_keeps_every_point()
    {
        byte[] capture = await File.ReadAllBytesAsync(RepoFiles.Fixture("collectl-export-60s.txt"));
        await using var harness = await IngestionHarness.StartAsync();

        await ClientSockets.SendAndCloseAsync(harness.Plaintext.LocalEndPoint, capture);
        await harness.Store.WaitForAsync(6240);
        await harness.StopAsync();

        var points = harness.Store.Points;
        Assert.Equal(6240, points.Count);
        Assert.Equal(104, points.Select(p => p.Name).Distinct().Count());
        Assert.Equal(5928, points.Select(p => (p.Name, p.Timestamp)).Distinct().Count());
        Assert.Equal(6240, harness.Counters.Snapshot().PointsReceived);
        Assert.Equal(0, harness.Counters.Snapshot().LinesInvalid);

        // Three seconds carry two samples; a last-wins store keeps the second (collectl-export-60s.README.md).
        var lastWins = new Dictionary<(string, long), double>();
        foreach (var (name, timestamp, value) in points) lastWins[(name, timestamp)] = value;
        Assert.Equal(126, lastWins[("vm.ctxint.ctx", 1795727327)]);
        Assert.Equal(99, lastWins[("vm.cputotals.idle", 1795727352)]);
        Assert.Equal(0.24, lastWins[("vm.cpuload.avg1", 1795727356)]);
        Assert.Equal(23818672, lastWins[("vm.meminfo.free", 1795727356)]);
        Assert.Equal(1, lastWins[("vm.cputotals.user", 1795727302)]);
    }

    [Fact]
    public async Task Malformed_lines_are_counted_and_every_good_line_kept()
    {
        await using var harness = await IngestionHarness.StartAsync();
        string stream = "good.a 1 100\n"
                        + "only two\n"
                        + "good.b 2 100\r\n"
                        + "bad 0x10 100\n"
                        + "\n"
                        + "bad;tag 1 100\n"
                        + "nan.value nan 100\n"
                        + new string('z', 500) + " 1 2 3\n"
                        + "good.c 3 100\n";

        await ClientSockets.SendAndCloseAsync(harness.Plaintext.LocalEndPoint, Encoding.UTF8.GetBytes(stream));
        await harness.Store.WaitForAsync(3);
        await harness.StopAsync();

        Assert.Equal([("good.a", 100L, 1.0), ("good.b", 100L, 2.0), ("good.c", 100L, 3.0)], harness.Store.Points);
        var counters = harness.Counters.Snapshot();
        Assert.Equal(4, counters.LinesInvalid);
        Assert.Equal(1, counters.NamesInvalid);
        Assert.Equal(1, counters.PointsDroppedNaN);
        Assert.Equal(1, counters.ConnectionsTotal);
        Assert.Equal(0, counters.ConnectionsClosedOversize);
    }

    [Fact]
    public async Task Oversize_line_closes_the_connection_after_the_lines_before_it()
    {
        await using var harness = await IngestionHarness.StartAsync(new IngestionOptions { MaxLineLength = 100 });
        using Socket client = await ClientSockets.ConnectAsync(harness.Plaintext.LocalEndPoint);

        await client.SendAsync(Encoding.ASCII.GetBytes("before 1 10\n" + new string('x', 101) + "\nafter 2 10\n"));
        await ClientSockets.WaitForServerCloseAsync(client);
        await harness.Store.WaitForAsync(1);
        await harness.StopAsync();

        Assert.Equal([("before", 10L, 1.0)], harness.Store.Points);
        Assert.Equal(1, harness.Counters.Snapshot().ConnectionsClosedOversize);
        Assert.Equal(0, harness.Counters.Snapshot().ConnectionsOpen);
    }

    [Fact]
    public async Task Lone_line_is_visible_before_the_peer_closes_and_stop_closes_the_connection()
    {
        await using var harness = await IngestionHarness.StartAsync();
        using Socket client = await ClientSockets.ConnectAsync(harness.Plaintext.LocalEndPoint);

        await client.SendAsync("lone.metric 42 1700000000\npartial.metric 1"u8.ToArray());
        await harness.Store.WaitForAsync(1);
        Assert.Equal(1, harness.Counters.Snapshot().ConnectionsOpen);
        await harness.Plaintext.StopAsync();
        await ClientSockets.WaitForServerCloseAsync(client);
        await harness.StopAsync();

        // The unterminated line is discarded, as Twisted's LineOnlyReceiver does on disconnect.
        Assert.Equal([("lone.metric", 1700000000L, 42.0)], harness.Store.Points);
        Assert.Equal(0, harness.Counters.Snapshot().ConnectionsOpen);
    }

    [Fact]
    public async Task At_the_connection_limit_accepting_pauses_until_a_connection_ends_and_the_waiting_sender_loses_nothing()
    {
        await using var harness = await IngestionHarness.StartAsync(new IngestionOptions { MaxConnections = 1 });
        Socket first = await ClientSockets.ConnectAsync(harness.Plaintext.LocalEndPoint);
        await first.SendAsync("first 1 10\n"u8.ToArray());
        await harness.Store.WaitForAsync(1);
        await Eventually.TrueAsync(() => harness.Counters.Snapshot().AcceptPauses == 1);

        // The kernel completes the handshake and queues the line; the listener does not accept the connection (carbon
        // pauses its port at MAX_RECEIVER_CONNECTIONS) and does not close it either.
        using Socket second = await ClientSockets.ConnectAsync(harness.Plaintext.LocalEndPoint);
        await second.SendAsync("second 2 20\n"u8.ToArray());
        Assert.Equal(1, harness.Counters.Snapshot().ConnectionsTotal);

        first.Dispose();
        await harness.Store.WaitForAsync(2);
        Assert.Equal([("first", 10L, 1.0), ("second", 20L, 2.0)], harness.Store.Points);
        await Eventually.TrueAsync(() => harness.Counters.Snapshot().AcceptPauses == 2);
        var counters = harness.Counters.Snapshot();
        Assert.Equal(2, counters.ConnectionsTotal);
        Assert.Equal(1, counters.ConnectionsOpen);
        Assert.Equal(0, counters.AcceptFailures);
    }

    [Fact]
    public async Task Udp_datagram_is_split_like_python_splitlines()
    {
        await using var harness = await IngestionHarness.StartAsync();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        byte[] datagram = Encoding.UTF8.GetBytes("u.a 1 10\nu.b 2 10\r\nnot a valid line\ru.c 3 10\u2028u.d 4 10\n");
        await client.SendToAsync(datagram, harness.Udp.LocalEndPoint);
        await harness.Store.WaitForAsync(4);
        await harness.StopAsync();

        Assert.Equal([("u.a", 10L, 1.0), ("u.b", 10L, 2.0), ("u.c", 10L, 3.0), ("u.d", 10L, 4.0)], harness.Store.Points);
        Assert.Equal(1, harness.Counters.Snapshot().LinesInvalid);
        Assert.Equal(1, harness.Counters.Snapshot().UdpDatagrams);
    }

    [Fact]
    public void Options_validation_names_the_option()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new IngestionOptions { PicklePort = 70000 }.Validate());
        Assert.Contains("Ingestion:PicklePort", error.Message);
        new IngestionOptions().Validate();
        Assert.Equal(new IPEndPoint(IPAddress.Any, 2003), new IngestionOptions().EndPointFor(2003));
    }
}
