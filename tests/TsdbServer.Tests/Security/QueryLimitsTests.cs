using System.Net;
using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>Over a query limit the answer is a 4xx/503 naming the limit; under it the query is answered.</summary>
public sealed class QueryLimitsTests
{
    /// <summary>Refusals answer at once here (the default 1 s penalty is tested in RefusalDelayTests).</summary>
    internal const string NoRefusalDelay = "--Tsdb:Limits:RefusalDelayMilliseconds=0";

    [Fact]
    public async Task Targets_series_and_points_limits_are_enforced_with_a_message_naming_them()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Limits:MaxTargetsPerRequest=3", "--Tsdb:Limits:MaxSeriesPerRequest=2", "--Tsdb:Limits:MaxPointsPerRequest=1000",
            NoRefusalDelay);
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
        await using var server = await InProcessServer.StartAsync(data.Path, null, NoRefusalDelay);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string name = "re." + new string('a', 40) + "b";
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"{name} 1 {now - 10}\n"));
        await server.WaitUntilStoredAsync();

        await AssertRefusedAsync(server, $"/render?target=aliasSub(re.*,'(a|aa)%2B$','x')&from=-5min&format=json",
            HttpStatusCode.ServiceUnavailable, "regular expression");
    }

    /// <summary>
    /// The first render holds the only slot deterministically: it is a form POST sent with
    /// "Expect: 100-continue", and Kestrel answers "100 Continue" only when the limits middleware, slot
    /// taken, starts reading the form. Until the body is sent, a second render must get 503 naming the limit.
    /// </summary>
    [Fact]
    public async Task Over_MaxConcurrentRenders_a_render_is_answered_503_naming_the_limit()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null, "--Tsdb:Limits:MaxConcurrentRenders=1", "--Tsdb:Limits:MaxQueuedRenders=0", NoRefusalDelay);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"conc.a 1 {now - 10}\n"));
        await server.WaitUntilStoredAsync();

        const string body = "target=conc.a&from=-5min&format=json";
        using var held = await HoldRenderSlotAsync(server, body);
        var stream = held.GetStream();

        await AssertRefusedAsync(server, "/render?target=conc.a&from=-5min&format=json", HttpStatusCode.ServiceUnavailable, "MaxConcurrentRenders");

        await stream.WriteAsync(Encoding.ASCII.GetBytes(body));
        string first = await ReadToEndAsync(stream);
        Assert.StartsWith("HTTP/1.1 200", first);
        Assert.Contains("conc.a", first);

        // The slot is free again once the held render has answered.
        var after = await server.Http.GetAsync("/render?target=conc.a&from=-5min&format=json");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    /// <summary>
    /// With a queue, a render over MaxConcurrentRenders waits for the held slot and is answered 200 once the
    /// held render finishes; past MaxQueuedRenders waiting, one is answered 503 naming that key.
    /// </summary>
    [Fact]
    public async Task Over_MaxConcurrentRenders_a_render_waits_in_the_queue_and_past_MaxQueuedRenders_gets_503()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Limits:MaxConcurrentRenders=1", "--Tsdb:Limits:MaxQueuedRenders=1", NoRefusalDelay);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"queue.a 1 {now - 10}\n"));
        await server.WaitUntilStoredAsync();

        const string body = "target=queue.a&from=-5min&format=json";
        using var held = await HoldRenderSlotAsync(server, body);
        var stream = held.GetStream();

        // One render takes the only queue place (it cannot finish while the slot is held)...
        var queued = server.Http.GetAsync("/render?target=queue.a&from=-5min&format=json");
        await WaitUntilAsync(() => queued.IsCompleted || server.RenderQueueLength == 1);
        Assert.False(queued.IsCompleted);
        // ...so the next one finds the queue full.
        await AssertRefusedAsync(server, "/render?target=queue.a&from=-5min&format=json", HttpStatusCode.ServiceUnavailable, "MaxQueuedRenders");

        await stream.WriteAsync(Encoding.ASCII.GetBytes(body));
        Assert.StartsWith("HTTP/1.1 200", await ReadToEndAsync(stream));
        var served = await queued;
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Contains("queue.a", await served.Content.ReadAsStringAsync());
    }

    /// <summary>Sends a form POST /render with "Expect: 100-continue" and waits for the "100 Continue", which
    /// Kestrel sends only once the limits middleware holds a render slot and reads the form; the slot stays
    /// taken until the caller writes <paramref name="body"/> on the returned connection.</summary>
    private static async Task<System.Net.Sockets.TcpClient> HoldRenderSlotAsync(InProcessServer server, string body)
    {
        var held = new System.Net.Sockets.TcpClient();
        await held.ConnectAsync("127.0.0.1", server.Http.BaseAddress!.Port);
        var stream = held.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /render HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {body.Length}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 100", await ReadUntilAsync(stream, "\r\n\r\n"));
        return held;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(10, timeout.Token);
    }

    private static async Task<string> ReadUntilAsync(Stream stream, string terminator)
    {
        var text = new StringBuilder();
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!text.ToString().EndsWith(terminator, StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, timeout.Token) == 0) break;
            text.Append((char)buffer[0]);
        }
        return text.ToString();
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        return Encoding.UTF8.GetString(all.ToArray());
    }

    private static async Task AssertRefusedAsync(InProcessServer server, string url, HttpStatusCode status, string limit)
    {
        var response = await server.Http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{url}: {(int)response.StatusCode} {body}");
        Assert.Contains(limit, body);
    }
}
