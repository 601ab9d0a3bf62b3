using System.Net;
using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>Over a query limit the answer is a 4xx/503 naming the limit; under it the query is answered.</summary>
public sealed class QueryLimitsTests
{
    [Fact]
    public async Task Targets_series_and_points_limits_are_enforced_with_a_message_naming_them()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Limits:MaxTargetsPerRequest=3", "--Tsdb:Limits:MaxSeriesPerRequest=2", "--Tsdb:Limits:MaxPointsPerRequest=1000");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"lim.a 1 {now - 10}\nlim.b 2 {now - 10}\nlim.c 3 {now - 10}\n"));
        await server.WaitUntilStoredAsync();

        await AssertRefusedAsync(server, "/render?target=lim.a&target=lim.b&target=lim.c&target=lim.a&from=-5min", HttpStatusCode.BadRequest, "MaxTargetsPerRequest");
        await AssertRefusedAsync(server, "/render?target=lim.*&from=-5min&format=json", HttpStatusCode.BadRequest, "MaxSeriesPerRequest");
        await AssertRefusedAsync(server, "/render?target=lim.a&from=-1h&format=json", HttpStatusCode.BadRequest, "MaxPointsPerRequest");

        var ok = await server.Http.GetAsync("/render?target=lim.a&target=lim.b&from=-5min&format=json");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("lim.b", await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_backtracking_regex_ends_its_request_with_503()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string name = "re." + new string('a', 40) + "b";
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"{name} 1 {now - 10}\n"));
        await server.WaitUntilStoredAsync();

        await AssertRefusedAsync(server, $"/render?target=aliasSub(re.*,'(a|aa)%2B$','x')&from=-5min&format=json",
            HttpStatusCode.ServiceUnavailable, "regular expression");
    }

    private static async Task AssertRefusedAsync(InProcessServer server, string url, HttpStatusCode status, string limit)
    {
        var response = await server.Http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Contains(limit, body);
    }
}
