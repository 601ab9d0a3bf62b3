using System.Net.Sockets;
using System.Text;
using TsdbServer.Tests.Support;
using Xunit.Abstractions;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// More senders than the process has file descriptors for (a fleet against a low `ulimit -n`). Connections and storage
/// share the limit: when connections took every descriptor, accepts failed (and were retried at once: both cores spun,
/// 70,000 log lines a second) and so did the WAL's commits. The listeners now stop accepting within the process's
/// descriptor budget, keeping descriptors for storage and the HTTP API: the senders beyond it wait in the kernel with
/// what they sent, and are stored once earlier connections end.
/// </summary>
public sealed class OpenFileLimitTests(ITestOutputHelper output)
{
    /// <summary>The server holds about 250 descriptors of its own (FASTER's files, the runtime, the listeners).</summary>
    private const int OpenFileLimit = 400;
    private const int Senders = 300;

    [Fact]
    public async Task Senders_beyond_the_open_file_limit_wait_while_storage_and_the_api_keep_working()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartWithOpenFileLimitAsync(data.Path, OpenFileLimit,
            "--udp", "false", "--wal-commit-interval-ms", "100");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var senders = new List<Socket>();
        try
        {
            for (int i = 0; i < Senders; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                senders.Add(socket);
                await socket.ConnectAsync("127.0.0.1", server.LinePort);
                await socket.SendAsync(Encoding.ASCII.GetBytes($"fdlimit.sender{i:D3} {i} {now}\n"));
            }
            // The API answers while the senders hold their connections, and the listener has paused within the budget.
            var paused = await server.WaitForHealthAsync(h => h.GetProperty("ingestion").GetProperty("acceptPauses").GetInt64() > 0);
            long open = paused.GetProperty("ingestion").GetProperty("connectionsOpen").GetInt64();
            output.WriteLine($"paused with {open} of {Senders} senders accepted");
            Assert.InRange(open, 1, Senders - 1);
            // The WAL commits what the accepted senders sent (every 100 ms here).
            await server.WaitForHealthAsync(h => h.GetProperty("pointsWritten").GetInt64() >= open
                && h.GetProperty("walCommittedAddress").GetInt64() >= h.GetProperty("walTailAddress").GetInt64());
        }
        finally
        {
            // Their connections end, which makes room for the senders that waited.
            foreach (var socket in senders) socket.Dispose();
        }

        var done = await server.WaitForHealthAsync(h => h.GetProperty("pointsWritten").GetInt64() >= Senders);
        var ingestion = done.GetProperty("ingestion");
        output.WriteLine($"ingestion: {ingestion}");
        Assert.Equal(Senders, done.GetProperty("pointsWritten").GetInt64());
        Assert.Equal(Senders, ingestion.GetProperty("connectionsTotal").GetInt64());
        Assert.Equal(0, ingestion.GetProperty("acceptFailures").GetInt64());
        Assert.DoesNotContain("WAL commit failed", server.Output);
        Assert.DoesNotContain("cannot accept", server.Output);

        for (int i = 0; i < Senders; i += 37)
        {
            string body = await server.Http.GetStringAsync($"/render?target=fdlimit.sender{i:D3}&from={now - 5}&until={now + 5}&format=json");
            Assert.Contains($"[{i}.0, {now}]", body);
        }
    }
}
