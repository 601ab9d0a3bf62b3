using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests;

/// <summary>
/// The server process keeps its tag database and events across a SIGTERM restart and a kill -9 restart
/// on the same data folder: tagged series come back from the store's catalog or WAL, tagSeries/delSeries
/// edits and events from their journals.
/// </summary>
public sealed class TagsAndEventsRestartTests
{
    [Fact]
    public async Task Tags_and_events_survive_sigterm_and_kill_9_restarts()
    {
        using var data = new TempDirectory();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            await SendAsync(server.LinePort, $"disk.used;host=h1;dc=lab 1 {now - 10}\ndisk.used;dc=prod;host=h3 2 {now - 10}\n" +
                                             $"disk.used;dc=lab;host=h2 3 {now - 10}\n");
            await WaitForSeriesAsync(server, "name=disk.used", 3);
            await PostFormAsync(server, "/tags/tagSeries", "path=only.tagged;z=1;k=v");
            await PostFormAsync(server, "/tags/delSeries", "path=disk.used;dc=lab;host=h2");
            await PostEventAsync(server, $"{{\"what\": \"loadtest start\", \"tags\": [\"loadtest\", \"lab\"], \"when\": {now - 60}, \"data\": \"run 1\"}}");
            Assert.Equal(0, await server.TerminateAsync());
        }
        await using (var server = await ServerProcess.StartAsync(data.Path, "--wal-commit-interval-ms", "100"))
        {
            Assert.Equal(["disk.used;dc=lab;host=h1", "disk.used;dc=prod;host=h3"], await FindAsync(server, "name=disk.used"));
            Assert.Equal(["only.tagged;k=v;z=1"], await FindAsync(server, "k=v"));
            Assert.Equal(["loadtest start"], await EventsAsync(server, now, "loadtest"));
            await SendAsync(server.LinePort, $"cpu.load;dc=lab;host=h9 5 {now - 5}\n");
            await WaitForSeriesAsync(server, "name=cpu.load", 1);
            await WaitForValueAsync(server, "cpu.load;dc=lab;host=h9", now);
            await PostEventAsync(server, $"{{\"what\": \"loadtest end\", \"tags\": \"loadtest lab\", \"when\": {now - 30}}}");
            await WaitForWalCommitAsync(server);
            await server.KillAsync();
        }
        await using (var server = await ServerProcess.StartAsync(data.Path))
        {
            Assert.Equal(["cpu.load;dc=lab;host=h9"], await FindAsync(server, "name=cpu.load"));
            Assert.Equal(["disk.used;dc=lab;host=h1", "disk.used;dc=prod;host=h3"], await FindAsync(server, "name=disk.used"));
            Assert.Equal(["h1", "h3", "h9"], await JsonStringsAsync(server, "/tags/autoComplete/values?tag=host"));
            Assert.Equal(["loadtest start", "loadtest end"], await EventsAsync(server, now, "loadtest"));
            string first = await server.Http.GetStringAsync("/events/1/");
            string when = DateTimeOffset.FromUnixTimeSeconds(now - 60).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            Assert.Equal($"{{\"id\": 1, \"when\": \"{when}\", \"what\": \"loadtest start\", \"data\": \"run 1\", \"tags\": [\"loadtest\", \"lab\"]}}", first);
        }
    }

    private static async Task SendAsync(int port, string lines)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(lines));
    }

    private static async Task PostFormAsync(ServerProcess server, string path, string body)
    {
        using var response = await server.Http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task PostEventAsync(ServerProcess server, string json)
    {
        using var response = await server.Http.PostAsync("/events/", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static Task<List<string>> FindAsync(ServerProcess server, string expr) =>
        JsonStringsAsync(server, "/tags/findSeries?expr=" + Uri.EscapeDataString(expr));

    private static async Task<List<string>> JsonStringsAsync(ServerProcess server, string url)
    {
        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync(url));
        return doc.RootElement.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static async Task<List<string>> EventsAsync(ServerProcess server, long now, string tags)
    {
        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync($"/events/get_data?from={now - 600}&until={now + 600}&tags={tags}"));
        return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("what").GetString()!).ToList();
    }

    /// <summary>Waits until the writer has created the series (they are indexed as they are created).</summary>
    private static async Task WaitForSeriesAsync(ServerProcess server, string expr, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await FindAsync(server, expr)).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"series for {expr} never indexed:\n" + server.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until the series' point renders. The writer indexes a new series before it appends the batch to the
    /// WAL and applies it after, so a rendered value means the batch is in the WAL: only then can
    /// <see cref="WaitForWalCommitAsync"/> tell that it is committed. Waiting for the index alone left a window
    /// where the kill -9 could come between indexing and the append, and the series would be gone after the
    /// restart (the likely cause of this test's one unexplained failure).
    /// </summary>
    private static async Task WaitForValueAsync(ServerProcess server, string name, long now)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var doc = JsonDocument.Parse(await server.Http.GetStringAsync(
                $"/render?format=json&from={now - 60}&until={now + 60}&target={Uri.EscapeDataString(name)}"));
            if (doc.RootElement.EnumerateArray().SelectMany(s => s.GetProperty("datapoints").EnumerateArray())
                .Any(p => p[0].ValueKind == JsonValueKind.Number)) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} never rendered:\n" + server.Output);
            await Task.Delay(20);
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
}
