using System.Net;
using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>
/// Query limits refuse a request before it reads anything: the points and series of every target are known
/// from the series' geometry, charged before the first fetch, so a refused request adds no fetch to the
/// counter of the reader /render goes through (no value array allocated, no chunk decoded).
/// </summary>
public sealed class QueryLimitsBeforeFetchTests
{
    [Fact]
    public async Task Over_MaxPointsPerRequest_is_refused_with_400_naming_the_key_without_any_fetch()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Limits:MaxPointsPerRequest=200000", "--Tsdb:Limits:MaxSeriesPerRequest=5", QueryLimitsTests.NoRefusalDelay);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var lines = new StringBuilder();
        foreach (var name in new[] { "h1.cpu.user.0", "h1.cpu.sys.0", "h2.cpu.user.0", "h1.mem.free", "h2.mem.free" })
            lines.Append($"{name} 1 {now - 10}\n");
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes(lines.ToString()));
        await server.WaitUntilStoredAsync();
        // The five series are in the store before any render: a failure below is then the render's.
        Assert.Equal(5, server.Store.Statistics.SeriesCount);
        var reader = server.RenderReader;

        // *.*.*.* over a year: 3 series x 105,120 points (5 min steps), over 200,000. The old charge-after-fetch
        // read two series before noticing.
        await AssertRefusedWithoutFetchAsync(server, "/render?target=*.*.*.*&from=-365d&format=json",
            HttpStatusCode.BadRequest, "MaxPointsPerRequest");
        // Each target alone fits; together they do not: all targets are charged before the first fetch.
        await AssertRefusedWithoutFetchAsync(server, "/render?target=h1.cpu.*.0&target=sumSeries(h2.*.*.*)&from=-365d&format=json",
            HttpStatusCode.BadRequest, "MaxPointsPerRequest");
        // Inside a function, with a regex that would backtrack: refused before the function runs.
        await AssertRefusedWithoutFetchAsync(server, "/render?target=aliasSub(*.*.*.*,'(a%7Caa%7Cc%7Ccc)%2B%24','x')&from=-365d&format=json",
            HttpStatusCode.BadRequest, "MaxPointsPerRequest");
        // Six series (one repeated by a second pattern) over MaxSeriesPerRequest = 5.
        await AssertRefusedWithoutFetchAsync(server, "/render?target=*.*.*.*&target=*.mem.*&target=h1.mem.free&from=-5min&format=json",
            HttpStatusCode.BadRequest, "MaxSeriesPerRequest");

        // Under the limits the same counter sees one fetch per series, and the answer holds them.
        long before = reader.InnerFetches;
        var ok = await server.Http.GetAsync("/render?target=*.*.*.*&from=-30d&format=json");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        string body = await ok.Content.ReadAsStringAsync();
        Assert.Contains("h2.cpu.user.0", body);
        Assert.Equal(3, reader.InnerFetches - before);
    }

    private static async Task AssertRefusedWithoutFetchAsync(InProcessServer server, string url, HttpStatusCode status, string limit)
    {
        long before = server.RenderReader.InnerFetches;
        var response = await server.Http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Contains(limit, body);
        Assert.Equal(0, server.RenderReader.InnerFetches - before);
    }
}
