using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests;

/// <summary>
/// The server as users run it (a process): startup errors name the option, and data survives a
/// SIGTERM restart and a kill -9 restart on the same data folder.
/// </summary>
public sealed class ProcessLifecycleTests
{
    [Theory]
    [InlineData(new[] { "--line-port", "abc" }, "--line-port")]
    [InlineData(new[] { "--http-port", "70000" }, "--http-port")]
    [InlineData(new[] { "--bind", "not-an-ip" }, "--bind")]
    [InlineData(new[] { "--schemas", "/nonexistent/storage-schemas.conf" }, "--schemas")]
    [InlineData(new[] { "--graph-templates", "/nonexistent/graphTemplates.conf" }, "--graph-templates")]
    [InlineData(new[] { "--graph-templates", "/etc/passwd" }, "--graph-templates")]
    [InlineData(new[] { "--no-such-option", "1" }, "--no-such-option")]
    [InlineData(new[] { "--data-dir" }, "--data-dir")]
    public async Task Invalid_option_stops_startup_naming_it(string[] args, string option)
    {
        var (exitCode, output) = await ServerProcess.RunExpectingFailureAsync(args);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(option, output);
    }

    [Fact]
    public async Task Points_survive_sigterm_and_kill_9_restarts()
    {
        using var data = new TempDirectory();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // Ten points before SIGTERM, ten more before kill -9 (after one WAL commit interval).
        var first = Enumerable.Range(0, 10).Select(i => (now - 100 + i, (double)i)).ToArray();
        var second = Enumerable.Range(10, 10).Select(i => (now - 100 + i, (double)i)).ToArray();

        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            await SendAsync(server.LinePort, first);
            await WaitForPointsAsync(server, now, 10);
            Assert.Equal(0, await server.TerminateAsync());
        }
        await using (var server = await ServerProcess.StartAsync(data.Path, "--wal-commit-interval-ms", "100"))
        {
            Assert.Equal(first.Select(p => p.Item2), await ValuesAsync(server, now));
            await SendAsync(server.LinePort, second);
            await WaitForPointsAsync(server, now, 20);
            // kill -9 only after the WAL commit that covers the points (every 100 ms here).
            await WaitForWalCommitAsync(server);
            await server.KillAsync();
        }
        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            Assert.Equal(first.Concat(second).Select(p => p.Item2), await ValuesAsync(server, now));
        }
    }

    private static async Task WaitForWalCommitAsync(ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/health"));
            if (doc.RootElement.GetProperty("walUncommittedBytes").GetInt64() == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("WAL never committed:\n" + server.Output);
            await Task.Delay(20);
        }
    }

    private static async Task SendAsync(int port, (long Ts, double Value)[] points)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var text = string.Concat(points.Select(p => $"restart.test {p.Value} {p.Ts}\n"));
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));
    }

    private static async Task WaitForPointsAsync(ServerProcess server, long now, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ValuesAsync(server, now)).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("points not visible:\n" + server.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>Non-null values of restart.test over the last 5 minutes, in time order.</summary>
    private static async Task<List<double>> ValuesAsync(ServerProcess server, long now)
    {
        string json = await server.Http.GetStringAsync($"/render?target=restart.test&from={now - 300}&until={now}&format=json");
        using var doc = JsonDocument.Parse(json);
        if (doc.RootElement.GetArrayLength() == 0) return [];
        return doc.RootElement[0].GetProperty("datapoints").EnumerateArray()
            .Where(p => p[0].ValueKind == JsonValueKind.Number)
            .Select(p => p[0].GetDouble()).ToList();
    }
}
