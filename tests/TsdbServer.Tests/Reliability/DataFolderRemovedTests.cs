using System.Net;
using System.Text.Json;
using TsdbServer.Tests.Support;
using Xunit.Abstractions;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// The data folder removed under a running server (an operator's `rm -rf`, a volume that went away): the server
/// notices within a second, says so once in its log and in /health (503, status "failed", what failed), drops and
/// counts what arrives, keeps answering queries from memory, stores no self-metrics (nor logs each tick's failure),
/// and a SIGTERM ends it at once with exit code 1.
/// Before, nothing was logged and the SIGTERM's final checkpoint waited for good on a page FASTER could not flush.
/// </summary>
public sealed class DataFolderRemovedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_removed_data_folder_is_reported_drops_new_points_keeps_queries_and_lets_the_server_exit()
    {
        using var temp = new TempDirectory();
        string dataDir = Path.Combine(temp.Path, "data");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await using var server = await ServerProcess.StartAsync(dataDir, "--udp", "false", "--self-metrics", "true", "--Tsdb:SelfMetricsIntervalSeconds=1");

        await TenPoints.SendAsync(server.LinePort, "gone.before", now - 100);
        await TenPoints.WaitForValuesAsync(server, "gone.before", now, 10);

        Directory.Delete(dataDir, recursive: true);
        var (status, health) = await WaitForHealthAsync(server, h => h.GetProperty("status").GetString() == "failed");
        output.WriteLine($"/health {status}: {health}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("is gone", health.GetProperty("storageFailure").GetString());

        await TenPoints.SendAsync(server.LinePort, "gone.during", now - 80);
        var (_, dropped) = await WaitForHealthAsync(server,
            h => h.GetProperty("ingestion").GetProperty("pointsDroppedStorageFailed").GetInt64() >= 10);
        Assert.Equal(10, dropped.GetProperty("ingestion").GetProperty("pointsDroppedStorageFailed").GetInt64());
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), await TenPoints.ValuesAsync(server, "gone.before", now));
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // self-metrics ticks, each a second, while failed

        Assert.Equal(1, await server.TerminateAsync(TimeSpan.FromSeconds(60)));
        Assert.Single(server.Output.Split('\n'), line => line.Contains("Storage failed: ", StringComparison.Ordinal));
        Assert.Contains("Storage closed without its final checkpoint", server.Output);
        Assert.DoesNotContain("Storing self-metrics failed", server.Output);
    }

    /// <summary>Reads /health, whatever its status code, until <paramref name="condition"/> holds (30 s at most).</summary>
    private static async Task<(HttpStatusCode Status, JsonElement Body)> WaitForHealthAsync(ServerProcess server, Func<JsonElement, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await server.Http.GetAsync("/health");
            using (var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
                if (condition(health.RootElement)) return (response.StatusCode, health.RootElement.Clone());
            if (DateTime.UtcNow > deadline) throw new TimeoutException("health condition never met:\n" + server.Output);
            await Task.Delay(50);
        }
    }
}
