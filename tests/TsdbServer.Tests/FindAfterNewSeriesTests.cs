using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests;

/// <summary>
/// /metrics/find answers are reused while no name is added (FindAnswerCache): through the real listener and
/// store, a series that arrives after a find is in the next find, at its level and above, and the answer carries
/// its length (one write, no chunked framing).
/// </summary>
public sealed class FindAfterNewSeriesTests
{
    private const long Ts = 1795727302;

    [Fact]
    public async Task A_series_sent_after_a_find_is_in_the_next_find()
    {
        using var data = new TempDirectory();
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Ts + 60));
        await using var server = await InProcessServer.StartAsync(data.Path, clock);
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"lab.node1.disk.sda 1 {Ts}\n"));
        await server.WaitUntilStoredAsync();

        Assert.Equal("{\"nodes\": [\"node1\"]}", await Find("lab.*"));
        Assert.Equal("{\"nodes\": [\"node1\"]}", await Find("lab.*"));
        Assert.Equal("{\"nodes\": [\"sda\"]}", await Find("lab.node1.disk.*"));

        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"lab.node2.disk.sda 1 {Ts}\nlab.node1.disk.sdb 1 {Ts}\n"));
        await server.WaitUntilStoredAsync();

        Assert.Equal("{\"nodes\": [\"node1\", \"node2\"]}", await Find("lab.*"));
        Assert.Equal("{\"nodes\": [\"sda\", \"sdb\"]}", await Find("lab.node1.disk.*"));

        using var response = await server.Http.GetAsync("/metrics/find?query=lab.*");
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        Assert.Contains("\"id\": \"lab.node2\"", Encoding.UTF8.GetString(body));

        Task<string> Find(string query) =>
            server.Http.GetStringAsync($"/metrics/find?format=nodelist&query={Uri.EscapeDataString(query)}");
    }
}
