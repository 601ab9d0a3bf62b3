using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests;

/// <summary>
/// carbon-style self-metrics: with --self-metrics on, the server stores its counters under
/// carbon.agents.&lt;host&gt;.* every interval, and they count what the listeners received.
/// </summary>
public sealed class SelfMetricsTests
{
    [Fact]
    public async Task Received_points_show_up_under_carbon_agents()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--self-metrics", "true", "--Tsdb:SelfMetricsIntervalSeconds=1");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes(
            string.Concat(Enumerable.Range(0, 5).Select(i => $"app.x {i} {now - i}\n")) + "bad line\n"));
        await server.WaitUntilStoredAsync();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (received, invalid) = (await SumAsync(server, "metricsReceived"), await SumAsync(server, "invalidLines"));
            if (received == 5 && invalid == 1) break;
            Assert.True(received <= 5 && invalid <= 1, $"metricsReceived {received}, invalidLines {invalid}");
            Assert.True(DateTime.UtcNow < deadline, "self-metrics never counted the 5 points and the bad line: "
                + await server.Http.GetStringAsync("/metrics/index.json"));
            await Task.Delay(200);
        }
        var hosts = JsonDocument.Parse(await server.Http.GetStringAsync("/metrics/find?query=carbon.agents.*")).RootElement;
        Assert.Equal(1, hosts.GetArrayLength());
    }

    /// <summary>Sum of carbon.agents.*.&lt;metric&gt; over the last 10 minutes (0 while it does not exist yet).</summary>
    private static async Task<double> SumAsync(InProcessServer server, string metric)
    {
        string json = await server.Http.GetStringAsync($"/render?target=sumSeries(carbon.agents.*.{metric})&from=-10min&format=json");
        var series = JsonDocument.Parse(json).RootElement;
        if (series.GetArrayLength() == 0) return 0;
        return series[0].GetProperty("datapoints").EnumerateArray()
            .Where(p => p[0].ValueKind == JsonValueKind.Number).Sum(p => p[0].GetDouble());
    }
}
