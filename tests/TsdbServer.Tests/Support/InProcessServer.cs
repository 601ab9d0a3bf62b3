using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Tsdb.Ingestion;
using Tsdb.Storage;
using TsdbServer.Hosting;

namespace TsdbServer.Tests.Support;

/// <summary>
/// The whole server (same composition root as Program) inside the test process, on loopback ports,
/// with a data folder the test owns and optionally a fixed clock. Gives access to the counters so a
/// test can wait until everything it sent has reached storage.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private long _connectionsSent;

    private InProcessServer(WebApplication app, string dataDir, int linePort, int picklePort, int httpPort)
    {
        _app = app;
        DataDir = dataDir;
        LinePort = linePort;
        PicklePort = picklePort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(60) };
    }

    public string DataDir { get; }
    public int LinePort { get; }
    public int PicklePort { get; }
    public HttpClient Http { get; }
    public TsdbStore Store => _app.Services.GetRequiredService<TsdbStore>();
    public IngestionCounters Counters => _app.Services.GetRequiredService<IngestionCounters>();
    /// <summary>The reader /render fetches through; counts the fetches that reached storage.</summary>
    public int RenderQueueLength => _app.Services.GetRequiredService<TsdbServer.Limits.RenderSlots>().Queued;
    public TsdbServer.Limits.LimitedMetricReader RenderReader => _app.Services.GetRequiredService<TsdbServer.Limits.LimitedMetricReader>();

    public static Task<InProcessServer> StartAsync(string dataDir, TimeProvider? time = null, params string[] extraArgs) =>
        StartAsync(dataDir, FreePorts.Next(), time, extraArgs);

    /// <summary>Starts with a given HTTP port, e.g. one other nodes already list in their --peers.</summary>
    public static async Task<InProcessServer> StartAsync(string dataDir, int httpPort, TimeProvider? time, params string[] extraArgs)
    {
        int line = FreePorts.Next(), pickle = FreePorts.Next(), http = httpPort;
        var app = TsdbApplication.Build(["--data-dir", dataDir, "--bind", "127.0.0.1", "--line-port", line.ToString(),
            "--pickle-port", pickle.ToString(), "--http-port", http.ToString(), "--self-metrics", "false", "--Tsdb:WarmUp=false", .. extraArgs], time);
        await app.StartAsync();
        return new InProcessServer(app, dataDir, line, pickle, http);
    }

    /// <summary>
    /// Sends plaintext bytes on one TCP connection and closes it, then waits for the server to close its
    /// side: every line has then been read and batched. A server that refuses the connection (allow-list)
    /// closes it with unread data, which the kernel turns into a reset: that is a close too.
    /// </summary>
    public async Task SendPlaintextAsync(byte[] payload)
    {
        Interlocked.Increment(ref _connectionsSent);
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", LinePort);
        var stream = client.GetStream();
        try
        {
            await stream.WriteAsync(payload);
            client.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[16];
            while (await stream.ReadAsync(buffer) > 0) { }
        }
        catch (Exception e) when (IsReset(e as SocketException ?? e.InnerException as SocketException))
        {
            // Reset by the server: closed.
        }
    }

    private static bool IsReset(SocketException? e) =>
        e?.SocketErrorCode is SocketError.ConnectionReset or SocketError.Shutdown or SocketError.ConnectionAborted;

    /// <summary>Waits until the server has seen every connection <see cref="SendPlaintextAsync"/> made (opened, or
    /// refused) and every point the listeners accepted has been written (or counted as dropped) by storage or the name lists.
    /// Counting connections matters: "stored == received" alone also holds before a connection is counted.</summary>
    public async Task WaitUntilStoredAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var c = Counters.Snapshot();
            var s = Store.Statistics;
            long seen = c.ConnectionsTotal + c.ConnectionsRefusedByAddress;
            long settled = s.PointsWritten + s.PointsDroppedTooOld + s.PointsDroppedInvalid + c.BlacklistMatches + c.WhitelistRejects;
            if (seen >= Interlocked.Read(ref _connectionsSent) && c.ConnectionsOpen == 0 && settled >= c.PointsReceived) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(
                $"connections sent {_connectionsSent}, seen {seen}, open {c.ConnectionsOpen}; received {c.PointsReceived}, stored {s.PointsWritten}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
