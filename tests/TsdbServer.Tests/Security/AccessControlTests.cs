using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>Access control is off by default and, once configured, lets in exactly who it should.</summary>
public sealed class AccessControlTests
{
    [Fact]
    public async Task Reads_are_open_by_default()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/metrics/find?query=*")).StatusCode);
    }

    [Fact]
    public async Task Basic_and_bearer_credentials_guard_reads_and_write_credentials_guard_writes()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Security:ApiUsers=grafana:s3cret", "--Tsdb:Security:ApiTokens=read-token", "--Tsdb:Security:WriteTokens=write-token");

        var anonymous = await server.Http.GetAsync("/metrics/find?query=*");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, (await server.Http.GetAsync("/health")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Send(server, HttpMethod.Get, "/metrics/find?query=*", Basic("grafana:s3cret"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(server, HttpMethod.Get, "/render?target=x&format=json", new("Bearer", "read-token"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(server, HttpMethod.Get, "/metrics/find?query=*", Basic("grafana:wrong"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(server, HttpMethod.Get, "/metrics/find?query=*", new("Bearer", "write-token!"))).StatusCode);

        // Writes: the read credentials are refused, the write token passes authentication.
        var tagWithReadToken = await Send(server, HttpMethod.Post, "/tags/tagSeries", new("Bearer", "read-token"), "path=a.b;t=v");
        Assert.Equal(HttpStatusCode.Forbidden, tagWithReadToken.StatusCode);
        Assert.Contains("WriteTokens", await tagWithReadToken.Content.ReadAsStringAsync());
        var tagWithWriteToken = await Send(server, HttpMethod.Post, "/tags/tagSeries", new("Bearer", "write-token"), "path=a.b;t=v");
        Assert.NotEqual(HttpStatusCode.Forbidden, tagWithWriteToken.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, tagWithWriteToken.StatusCode);
    }

    [Fact]
    public async Task Cors_preflight_from_an_allowed_origin_is_answered()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Security:CorsOrigins=http://grafana.example:3000", "--Tsdb:Security:ApiTokens=t");
        var preflight = new HttpRequestMessage(HttpMethod.Options, "/render");
        preflight.Headers.Add("Origin", "http://grafana.example:3000");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "authorization");
        var response = await server.Http.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://grafana.example:3000", response.Headers.GetValues("Access-Control-Allow-Origin").Single());

        var other = new HttpRequestMessage(HttpMethod.Options, "/render");
        other.Headers.Add("Origin", "http://evil.example");
        other.Headers.Add("Access-Control-Request-Method", "GET");
        Assert.False((await server.Http.SendAsync(other)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Ingestion_from_outside_the_allowed_networks_is_refused_and_counted()
    {
        using var data = new TempDirectory();
        await using (var refusing = await InProcessServer.StartAsync(data.Path, null, "--Tsdb:Security:AllowedNetworks=10.0.0.0/8, 192.168.0.0/16"))
        {
            await refusing.SendPlaintextAsync(Encoding.ASCII.GetBytes("refused.metric 1 1700000000\n"));
            using var udp = new UdpClient();
            await udp.SendAsync(Encoding.ASCII.GetBytes("refused.udp 1 1700000000\n"), new IPEndPoint(IPAddress.Loopback, refusing.LinePort));
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (refusing.Counters.Snapshot().ConnectionsRefusedByAddress < 2 && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.Equal(2, refusing.Counters.Snapshot().ConnectionsRefusedByAddress);
            Assert.Equal(0, refusing.Counters.Snapshot().PointsReceived);
        }
        await using var allowing = await InProcessServer.StartAsync(data.Path, null, "--Tsdb:Security:AllowedNetworks=127.0.0.0/8");
        await allowing.SendPlaintextAsync(Encoding.ASCII.GetBytes("allowed.metric 1 1700000000\n"));
        await allowing.WaitUntilStoredAsync();
        Assert.Equal(1, allowing.Counters.Snapshot().PointsReceived);
        Assert.Equal(0, allowing.Counters.Snapshot().ConnectionsRefusedByAddress);
    }

    [Fact]
    public async Task At_max_connections_the_listener_waits_for_one_to_close_and_then_takes_the_waiting_sender()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null, "--Tsdb:MaxConnections=1");
        var first = new TcpClient();
        await first.ConnectAsync(IPAddress.Loopback, server.LinePort);
        await first.GetStream().WriteAsync(Encoding.ASCII.GetBytes("limit.first 1 1700000000\n"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (server.Counters.Snapshot().AcceptPauses == 0 && DateTime.UtcNow < deadline) await Task.Delay(10);
        Assert.Equal(1, server.Counters.Snapshot().AcceptPauses);

        var waiting = server.SendPlaintextAsync(Encoding.ASCII.GetBytes("limit.second 2 1700000000\n"));
        first.Dispose();
        await waiting;
        await server.WaitUntilStoredAsync();
        Assert.Equal(2, server.Counters.Snapshot().ConnectionsTotal);
        Assert.Equal(2, server.Counters.Snapshot().PointsReceived);
    }

    [Theory]
    [InlineData("--Tsdb:Security:AllowedNetworks=10.0.0.0/33", "Tsdb:Security:AllowedNetworks")]
    [InlineData("--Tsdb:Security:ApiUsers=nopassword", "Tsdb:Security:ApiUsers")]
    [InlineData("--Tsdb:Security:HttpBind=localhost", "Tsdb:Security:HttpBind")]
    [InlineData("--Tsdb:Limits:MaxSeriesPerRequest=0", "Tsdb:Limits:MaxSeriesPerRequest")]
    [InlineData("--Tsdb:MaxConnections=0", "Tsdb:MaxConnections")]
    public async Task Invalid_security_and_limit_options_stop_startup_naming_them(string arg, string key)
    {
        var (exitCode, output) = await ServerProcess.RunExpectingFailureAsync("--data-dir", Path.GetTempPath(), arg);
        Assert.NotEqual(0, exitCode);
        Assert.Contains(key, output);
    }

    private static AuthenticationHeaderValue Basic(string userPassword) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userPassword)));

    private static Task<HttpResponseMessage> Send(InProcessServer server, HttpMethod method, string path, AuthenticationHeaderValue auth, string? form = null)
    {
        var request = new HttpRequestMessage(method, path) { Headers = { Authorization = auth } };
        if (form is not null) request.Content = new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded");
        return server.Http.SendAsync(request);
    }
}
