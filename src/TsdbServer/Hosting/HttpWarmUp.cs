using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace TsdbServer.Hosting;

/// <summary>
/// As soon as the server listens, sends it the query requests Grafana sends (a GET and a form POST of /render, a
/// /metrics/find), for a name no series has, over loopback: Kestrel's request handling, routing, the modules,
/// parameter parsing, the render slots and the response writing are then compiled before the first real query.
/// <see cref="StartupWarmUp"/> runs the query engine on a throwaway store, but not this part of the path: the first
/// /render of a just-started server spent 32-50 ms compiling it, and under a fleet's first second (the probe of
/// bench/many-nodes.sh) one of its methods alone took 390 ms to compile.
/// <para>Read-only: the requests find nothing and write nothing. It does not delay readiness. Refused requests (an
/// HTTP allow-list without loopback, say) are only logged at debug with their status; a failure to send them is
/// logged as a warning and otherwise ignored.</para>
/// </summary>
public sealed class HttpWarmUp(IServer server, IHostApplicationLifetime lifetime, ILogger<HttpWarmUp> logger) : IHostedService
{
    /// <summary>A name no series is expected to have; a series of that name would only be read.</summary>
    private const string Name = "tsdbserver.http-warm-up.none";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = Task.Run(RunAsync));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RunAsync()
    {
        try
        {
            var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
            if (address is null) return;
            var statuses = await SendAsync(Loopback(new Uri(address)), lifetime.ApplicationStopping);
            logger.LogDebug("HTTP warm-up answered {Statuses}", string.Join(", ", statuses));
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Stopping already: nothing left to warm.
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "HTTP warm-up failed; the first queries compile their code");
        }
    }

    /// <summary>The requests, each sent twice, in order; returns their status codes.</summary>
    public static async Task<IReadOnlyList<int>> SendAsync(Uri server, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server, Timeout = TimeSpan.FromSeconds(10) };
        var statuses = new List<int>();
        for (int round = 0; round < 2; round++)
        {
            using (var get = await http.GetAsync($"/render?target={Name}&from=-5min&until=now&format=json", cancellationToken))
                statuses.Add((int)get.StatusCode);
            using (var form = new FormUrlEncodedContent([
                new("target", $"aliasByNode({Name}.*, 1)"), new("from", "-6h"), new("until", "now"),
                new("format", "json"), new("maxDataPoints", "1000")]))
            using (var post = await http.PostAsync("/render", form, cancellationToken))
                statuses.Add((int)post.StatusCode);
            using (var find = await http.GetAsync($"/metrics/find?query={Name}.*", cancellationToken))
                statuses.Add((int)find.StatusCode);
        }
        return statuses;
    }

    /// <summary>The listener's address as a client reaches it: a wildcard address becomes the loopback address.</summary>
    public static Uri Loopback(Uri listening)
    {
        if (!IPAddress.TryParse(listening.DnsSafeHost, out var ip)) return listening;
        var builder = new UriBuilder(listening);
        if (ip.Equals(IPAddress.Any)) builder.Host = IPAddress.Loopback.ToString();
        else if (ip.Equals(IPAddress.IPv6Any)) builder.Host = "[" + IPAddress.IPv6Loopback + "]";
        return builder.Uri;
    }
}
