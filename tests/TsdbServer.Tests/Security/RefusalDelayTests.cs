using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>
/// The refusal "penalty box": a refused render waits Tsdb:Limits:RefusalDelayMilliseconds before its answer,
/// having given back its concurrent-render slot first, so a legitimate render is not refused meanwhile.
/// The elapsed-time assertions are lower bounds on a delay the server imposes, not performance assertions.
/// The test runs alone in its assembly (<see cref="RefusalTimingCollection"/>): it asserts which of two answers
/// comes first, and the in-process server shares the thread pool with the tests beside it, whose blocking waits
/// once held the legitimate render back until the refusal's 3 s had passed (a fresh-clone CI run).
/// </summary>
[Collection(nameof(RefusalTimingCollection))]
public sealed class RefusalDelayTests
{
    /// <summary>Long enough that the legitimate render sent 300 ms into it is answered first even when the CI
    /// machine's 2 cores run the rest of the suite beside it (1,500 ms was once not enough there).</summary>
    private const int DelayMs = 3000;

    [Fact]
    public async Task A_refusal_waits_the_delay_names_the_limit_and_does_not_hold_its_render_slot()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null,
            "--Tsdb:Limits:MaxConcurrentRenders=1", "--Tsdb:Limits:MaxQueuedRenders=0", "--Tsdb:Limits:MaxTargetsPerRequest=2",
            $"--Tsdb:Limits:RefusalDelayMilliseconds={DelayMs}");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes($"pen.a 1 {now - 10}\n"));
        await server.WaitUntilStoredAsync();
        // Warm-up (JIT of the form and render paths), so that on a loaded machine the render below is answered
        // well within the refusal's delay.
        var warm = await server.Http.PostAsync("/render", new FormUrlEncodedContent(
            [new("target", "pen.a"), new("from", "-5min"), new("format", "json")]));
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        // A refused render (3 targets > 2) that is known to have taken the only slot: Kestrel sends
        // "100 Continue" only once the limits middleware, slot taken, reads the form.
        const string over = "target=pen.a&target=pen.a&target=pen.a&from=-5min&format=json";
        using var refused = await PostHeadersAsync(server, over.Length);
        var watch = Stopwatch.StartNew();
        await refused.GetStream().WriteAsync(Encoding.ASCII.GetBytes(over));
        var refusedAnswer = ReadToEndAsync(refused.GetStream());

        // During the delay the slot is free: a legitimate render is answered, not refused for MaxConcurrentRenders.
        await Task.Delay(300);
        var ok = await server.Http.GetAsync("/render?target=pen.a&from=-5min&format=json");
        string okBody = await ok.Content.ReadAsStringAsync();
        Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{(int)ok.StatusCode} {okBody}");
        Assert.Contains("pen.a", okBody);
        Assert.False(refusedAnswer.IsCompleted, "the refusal was answered before the legitimate render");

        string answer = await refusedAnswer;
        watch.Stop();
        Assert.StartsWith("HTTP/1.1 400", answer);
        Assert.Contains("Tsdb:Limits:MaxTargetsPerRequest", answer);
        // Task.Delay's clock is coarser than Stopwatch's: a few ms of slack.
        Assert.True(watch.ElapsedMilliseconds >= DelayMs - 20, $"refused after {watch.ElapsedMilliseconds} ms");

        // Over MaxConcurrentRenders: 503 after the delay, with Retry-After, naming the limit.
        const string held = "target=pen.a&from=-5min&format=json";
        using var holder = await PostHeadersAsync(server, held.Length);
        watch.Restart();
        var busy = await server.Http.GetAsync("/render?target=pen.a&from=-5min&format=json");
        watch.Stop();
        string busyBody = await busy.Content.ReadAsStringAsync();
        Assert.True(busy.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)busy.StatusCode} {busyBody}");
        Assert.Contains("Tsdb:Limits:MaxConcurrentRenders", busyBody);
        Assert.True(busy.Headers.RetryAfter is not null, "503 without Retry-After");
        Assert.True(watch.ElapsedMilliseconds >= DelayMs - 20, $"refused after {watch.ElapsedMilliseconds} ms");
        await holder.GetStream().WriteAsync(Encoding.ASCII.GetBytes(held));
        Assert.StartsWith("HTTP/1.1 200", await ReadToEndAsync(holder.GetStream()));
    }

    [Theory]
    [InlineData("--Tsdb:Limits:RefusalDelayMilliseconds=-1")]
    [InlineData("--Tsdb:Limits:RefusalDelayMilliseconds=soon")]
    public async Task An_invalid_refusal_delay_stops_startup_naming_the_key(string arg)
    {
        var (exitCode, output) = await ServerProcess.RunExpectingFailureAsync("--data-dir", Path.GetTempPath(), arg);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Tsdb:Limits:RefusalDelayMilliseconds", output);
    }

    /// <summary>Sends a form POST's headers with "Expect: 100-continue" and waits for "100 Continue".</summary>
    private static async Task<TcpClient> PostHeadersAsync(InProcessServer server, int contentLength)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Http.BaseAddress!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            "POST /render HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
            $"Content-Length: {contentLength}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n"));
        var text = new StringBuilder();
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!text.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(buffer, timeout.Token) == 0) break;
            text.Append((char)buffer[0]);
        }
        Assert.StartsWith("HTTP/1.1 100", text.ToString());
        return client;
    }

    private static async Task<string> ReadToEndAsync(Stream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var all = new MemoryStream();
        await stream.CopyToAsync(all, timeout.Token);
        return Encoding.UTF8.GetString(all.ToArray());
    }
}

/// <summary>Tests that order two answers in time run after the parallel ones, with no other test of the assembly.</summary>
[CollectionDefinition(nameof(RefusalTimingCollection), DisableParallelization = true)]
public sealed class RefusalTimingCollection;
