using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;
using Xunit.Abstractions;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// More senders than the process has file descriptors for (a fleet against a low `ulimit -n`): accepts fail with
/// "too many open files" while the senders' connections wait in the kernel. The listener must retry after a pause,
/// log the episode once rather than once per failed accept, and accept the waiting senders once descriptors are free,
/// storing every point they sent. Retried at once, the accept loop spun on both cores and logged about 70,000 lines
/// a second.
/// </summary>
public sealed class OpenFileLimitTests(ITestOutputHelper output)
{
    /// <summary>The server holds about 250 descriptors of its own (FASTER's files, the runtime, the listeners).</summary>
    private const int OpenFileLimit = 400;
    private const int Senders = 300;

    [Fact]
    public async Task Senders_beyond_the_open_file_limit_wait_and_are_stored_once_descriptors_free_up()
    {
        using var data = new TempDirectory();
        await using var server = await ServerProcess.StartWithOpenFileLimitAsync(data.Path, OpenFileLimit, "--udp", "false");
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
            // Some senders are not accepted: wait until the listener has met the limit.
            await WaitUntilAsync(() => server.Output.Contains("cannot accept"), server);
        }
        finally
        {
            // Their connections end, which frees the descriptors the waiting senders need.
            foreach (var socket in senders) socket.Dispose();
        }

        JsonElement ingestion = default;
        long written = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (written < Senders)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{written} of {Senders} points stored\n{server.Output}");
            await Task.Delay(100);
            try
            {
                using var health = JsonDocument.Parse(await server.Http.GetStringAsync("/health"));
                written = health.RootElement.GetProperty("pointsWritten").GetInt64();
                ingestion = health.RootElement.GetProperty("ingestion").Clone();
            }
            catch (HttpRequestException)
            {
                // The HTTP listener can be out of descriptors too until the senders' connections are gone.
            }
        }

        int stalledLines = server.Output.Split('\n').Count(l => l.Contains("cannot accept"));
        output.WriteLine($"ingestion: {ingestion}; 'cannot accept' logged {stalledLines} times");
        Assert.Equal(Senders, written);
        Assert.Equal(Senders, ingestion.GetProperty("connectionsTotal").GetInt64());
        long failures = ingestion.GetProperty("acceptFailures").GetInt64();
        Assert.True(failures > 0, "no accept failed: the limit was not reached");
        // Once per episode of failures, however many accepts failed in it (a few per second at most, with the pause).
        Assert.InRange(stalledLines, 1, Math.Max(1, failures));
        Assert.True(stalledLines <= 20, $"'cannot accept' logged {stalledLines} times:\n{server.Output}");

        for (int i = 0; i < Senders; i += 37)
        {
            string body = await server.Http.GetStringAsync($"/render?target=fdlimit.sender{i:D3}&from={now - 5}&until={now + 5}&format=json");
            Assert.Contains($"[{i}.0, {now}]", body);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (server.HasExited || DateTime.UtcNow > deadline) throw new TimeoutException("condition not reached:\n" + server.Output);
            await Task.Delay(20);
        }
    }
}
