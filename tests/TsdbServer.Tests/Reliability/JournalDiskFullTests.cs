using System.Net;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// Events and tags on a disk that is really full (a tmpfs the test mounts and fills to the last byte, past the
/// server's reserve). A change that cannot be made durable is refused with 503 and says why, instead of a 200 for
/// an event the next start would not have; changes resume by themselves once there is room, and a restart has
/// exactly the acknowledged ones. Before, a commit file written empty on the full disk replaced the last good one
/// and the next start recovered no events and no tags at all.
/// </summary>
public sealed class JournalDiskFullTests
{
    [TmpfsFact]
    public async Task A_change_on_a_full_disk_is_refused_and_everything_acknowledged_survives_a_restart()
    {
        using var fs = new TmpfsMount(96);
        string dataDir = Path.Combine(fs.Path, "data");
        string ballast = Path.Combine(fs.Path, "ballast");
        string[] args = ["--udp", "false", "--min-free-disk-mb", "1"];

        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(server, "before")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TagSeriesAsync(server, "disk.used;host=before")).StatusCode);

            FillToTheLastByte(ballast);
            var refusedEvent = await PostEventAsync(server, "during", padding: 8000);
            var refusedTag = await TagSeriesAsync(server, "disk.used;host=during");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedEvent.StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refusedTag.StatusCode);
            Assert.StartsWith("not stored: the journal ", ErrorOf(await refusedEvent.Content.ReadAsStringAsync()));
            Assert.StartsWith("not stored: the journal ", ErrorOf(await refusedTag.Content.ReadAsStringAsync()));
            Assert.DoesNotContain("during", await server.Http.GetStringAsync("/events/get_data"));

            File.Delete(ballast);
            Assert.Equal(HttpStatusCode.OK, (await PostEventAsync(server, "after")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TagSeriesAsync(server, "disk.used;host=after")).StatusCode);
            Assert.Equal(0, await server.TerminateAsync());
        }

        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            using var events = JsonDocument.Parse(await server.Http.GetStringAsync("/events/get_data"));
            Assert.Equal(["before", "after"], events.RootElement.EnumerateArray().Select(e => e.GetProperty("what").GetString()));
            using var series = JsonDocument.Parse(await server.Http.GetStringAsync("/tags/findSeries?expr=name=disk.used"));
            Assert.Equal(["disk.used;host=after", "disk.used;host=before"], series.RootElement.EnumerateArray().Select(e => e.GetString()));
        }
    }

    private static Task<HttpResponseMessage> PostEventAsync(ServerProcess server, string what, int padding = 0) =>
        server.Http.PostAsync("/events/", new StringContent(JsonSerializer.Serialize(new { what, tags = "disk", data = new string('x', padding) })));

    private static Task<HttpResponseMessage> TagSeriesAsync(ServerProcess server, string path) =>
        server.Http.PostAsync("/tags/tagSeries", new FormUrlEncodedContent([new("path", path)]));

    private static string ErrorOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("error").GetString()!;
    }

    /// <summary>Real blocks until the filesystem refuses one (tmpfs allocates pages on write).</summary>
    private static void FillToTheLastByte(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true) file.Write(block);
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }
}
