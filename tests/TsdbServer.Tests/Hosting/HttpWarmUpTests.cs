using TsdbServer.Hosting;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Hosting;

/// <summary>The HTTP warm-up's requests are answered by a real server (so they run the path they are meant to
/// compile), write nothing, and reach a server listening on every address through loopback.</summary>
public sealed class HttpWarmUpTests
{
    [Fact]
    public async Task Every_request_is_answered_and_the_store_stays_empty()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);

        var statuses = await HttpWarmUp.SendAsync(server.Http.BaseAddress!, CancellationToken.None);

        Assert.Equal(6, statuses.Count);
        Assert.All(statuses, status => Assert.Equal(200, status));
        Assert.Equal(0, server.Store.Statistics.SeriesCount);
        Assert.Equal(0, server.Store.Statistics.PointsWritten);
    }

    [Fact]
    public async Task A_server_started_with_it_holds_no_series_and_answers_queries()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null, "--Tsdb:WarmUp=true");

        Assert.Equal("[]", await server.Http.GetStringAsync("/render?target=tsdbserver.http-warm-up.none&format=json"));
        Assert.Equal(0, server.Store.Statistics.SeriesCount);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/")]
    [InlineData("http://10.1.2.3:8080", "http://10.1.2.3:8080/")]
    public void A_wildcard_listening_address_is_reached_through_loopback(string listening, string reached) =>
        Assert.Equal(reached, HttpWarmUp.Loopback(new Uri(listening)).ToString());
}
