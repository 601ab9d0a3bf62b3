using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Ingestion.Tcp;
using Tsdb.Ingestion.Udp;
using Tsdb.Protocols.Naming;

namespace Tsdb.Ingestion.Tests.Fuzz;

/// <summary>
/// Connection abuse against the real listeners: many idle connections, a slow sender beside a fast one,
/// a flood while storage is stalled (TCP pushes back, memory stays bounded; UDP drops are counted).
/// CI opens 1,000 idle connections; TSDB_SOAK=1 opens 5,000.
/// </summary>
public sealed class ConnectionAbuseTests
{
    private static readonly int IdleConnections = Environment.GetEnvironmentVariable("TSDB_SOAK") == "1" ? 5000 : 1000;

    [Fact]
    public async Task Many_idle_connections_do_not_stop_a_working_sender()
    {
        await using var harness = await IngestionHarness.StartAsync();
        var idle = new List<Socket>();
        try
        {
            for (int i = 0; i < IdleConnections; i++) idle.Add(await ClientSockets.ConnectAsync(harness.Plaintext.LocalEndPoint));
            await Eventually.TrueAsync(() => harness.Counters.Snapshot().ConnectionsOpen == IdleConnections);

            await ClientSockets.SendAndCloseAsync(harness.Plaintext.LocalEndPoint, "busy.metric 1 1700000000\n"u8.ToArray());
            await harness.Store.WaitForAsync(1);
        }
        finally
        {
            foreach (Socket socket in idle) socket.Dispose();
        }
        await Eventually.TrueAsync(() => harness.Counters.Snapshot().ConnectionsOpen == 0);
        Assert.Equal(IdleConnections + 1, harness.Counters.Snapshot().ConnectionsTotal);
        Assert.Equal(0, harness.Counters.Snapshot().AcceptPauses);
    }

    [Fact]
    public async Task A_slow_sender_does_not_hold_up_other_connections()
    {
        await using var harness = await IngestionHarness.StartAsync();
        using Socket slow = await ClientSockets.ConnectAsync(harness.Plaintext.LocalEndPoint);
        byte[] line = "slow.metric 7 1700000000\n"u8.ToArray();
        // Half of the slow line, one byte per send.
        for (int i = 0; i < line.Length / 2; i++) await slow.SendAsync(line.AsMemory(i, 1));

        await ClientSockets.SendAndCloseAsync(harness.Plaintext.LocalEndPoint, "fast.metric 1 1700000000\n"u8.ToArray());
        await harness.Store.WaitForAsync(1);
        Assert.Equal([("fast.metric", 1700000000L, 1.0)], harness.Store.Points);

        for (int i = line.Length / 2; i < line.Length; i++) await slow.SendAsync(line.AsMemory(i, 1));
        await harness.Store.WaitForAsync(2);
        Assert.Equal(("slow.metric", 1700000000L, 7.0), harness.Store.Points[1]);
    }

    [Fact]
    public async Task A_tcp_flood_while_storage_is_stalled_is_pushed_back_and_fully_stored_after()
    {
        var options = new IngestionOptions { ChannelCapacity = 2, BatchSize = 100 };
        await using var wiring = new StalledWiring(options);
        using Socket client = await ClientSockets.ConnectAsync(wiring.Plaintext.LocalEndPoint);

        // Push until the kernel refuses more: the server stopped reading because the channel is full.
        client.Blocking = false;
        byte[] chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 1000).Select(i => $"flood.m{i % 10} {i} 1700000000\n")));
        long chunksSent = 0;
        int unsentFrom = -1;
        for (int i = 0; i < 200_000 && unsentFrom < 0; i++)
        {
            try
            {
                int sent = client.Send(chunk);
                chunksSent++;
                if (sent < chunk.Length) unsentFrom = sent;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.WouldBlock)
            {
                unsentFrom = 0;
                chunksSent++;
            }
        }
        bool pushedBack = unsentFrom >= 0;
        Assert.True(pushedBack, $"the server kept reading {chunksSent} chunks with storage stalled");
        long parsed = wiring.Counters.Snapshot().PointsReceived;
        // Parsed but unstored points are bounded by the channel, the writer's batch and one read buffer
        // (64 KiB of these lines), not by how much the client pushed.
        Assert.True(parsed <= 10_000, $"{parsed} points parsed while {chunksSent * 1000} were pushed");
        Assert.True(chunksSent * 1000 > 5 * parsed, $"{chunksSent * 1000} pushed, {parsed} parsed");

        wiring.Release();
        client.Blocking = true;
        client.Send(chunk.AsSpan(unsentFrom));
        client.Shutdown(SocketShutdown.Send);
        await ClientSockets.WaitForServerCloseAsync(client);
        await wiring.WaitStoredAsync(chunksSent * 1000);
    }

    [Fact]
    public async Task A_udp_flood_while_storage_is_stalled_drops_and_counts_instead_of_growing()
    {
        var options = new IngestionOptions { ChannelCapacity = 2, BatchSize = 50 };
        await using var wiring = new StalledWiring(options);
        using var client = new UdpClient();
        client.Connect(wiring.Udp.LocalEndPoint);
        byte[] datagram = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 50).Select(i => $"udp.flood.m{i} 1 1700000000\n")));
        for (int i = 0; i < 2000 && wiring.Counters.Snapshot().UdpPointsDropped == 0; i++) await client.SendAsync(datagram);
        await Eventually.TrueAsync(() => wiring.Counters.Snapshot().UdpPointsDropped > 0);

        await wiring.StopAsync();
        var c = wiring.Counters.Snapshot();
        // Every parsed point is either stored or counted as dropped.
        Assert.Equal(c.PointsReceived, wiring.Stored + c.UdpPointsDropped);
        Assert.True(c.UdpPointsDropped > 0);
    }

    /// <summary>Plaintext TCP and UDP listeners feeding a store whose Write blocks until <see cref="Release"/>.</summary>
    private sealed class StalledWiring : IAsyncDisposable, IPointStore
    {
        private readonly Channel<PointBatch> _channel;
        private readonly Task _writer;
        private readonly ManualResetEventSlim _gate = new(false);
        private long _stored;
        private bool _stopped;

        public StalledWiring(IngestionOptions options)
        {
            _channel = PointChannel.Create(options.ChannelCapacity);
            var names = new MetricNameInterner();
            var loopback = new IPEndPoint(IPAddress.Loopback, 0);
            Plaintext = new PlaintextTcpListener(loopback, options, _channel.Writer, names, Counters, TimeProvider.System,
                NullLogger<PlaintextTcpListener>.Instance);
            Udp = new PlaintextUdpListener(loopback, options, _channel.Writer, names, Counters, TimeProvider.System,
                NullLogger<PlaintextUdpListener>.Instance);
            Plaintext.StartAsync().GetAwaiter().GetResult();
            Udp.StartAsync().GetAwaiter().GetResult();
            _writer = Task.Run(() => new StorageWriterService(_channel.Reader, this, Counters, NullLogger<StorageWriterService>.Instance).RunAsync());
        }

        public IngestionCounters Counters { get; } = new();
        public PlaintextTcpListener Plaintext { get; }
        public PlaintextUdpListener Udp { get; }
        public long Stored => Interlocked.Read(ref _stored);

        public void Write(PointBatch batch)
        {
            _gate.Wait();
            Interlocked.Add(ref _stored, batch.Count);
        }

        public void Release() => _gate.Set();

        public Task WaitStoredAsync(long count) => Eventually.TrueAsync(() => Stored >= count);

        public async Task StopAsync()
        {
            if (_stopped) return;
            _stopped = true;
            Release();
            await Plaintext.StopAsync();
            await Udp.StopAsync();
            _channel.Writer.Complete();
            await _writer.WaitAsync(TimeSpan.FromSeconds(30));
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            Counters.Dispose();
            _gate.Dispose();
        }
    }
}
