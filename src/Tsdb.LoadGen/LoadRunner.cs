using System.Globalization;
using System.Net;

namespace Tsdb.LoadGen;

/// <summary>
/// Runs one load: splits the series into contiguous ranges, one per connection (so each series' points
/// stay in order on one connection, as with one collectl per node), prints progress to stderr every
/// interval and a summary to stdout. The run ends after all rounds or after the duration, whichever first.
/// </summary>
public static class LoadRunner
{
    public static async Task<int> RunAsync(LoadSettings settings, TextWriter output, TextWriter progress, CancellationToken cancel)
    {
        var target = await ResolveAsync(settings.Host, settings.Port).ConfigureAwait(false);
        var series = new SeriesSet(settings.Series, settings.HostPrefix);
        int connections = Math.Min(settings.Connections, settings.Series);
        var senders = new ConnectionSender[connections];
        for (int c = 0; c < connections; c++)
        {
            int first = (int)((long)settings.Series * c / connections);
            int end = (int)((long)settings.Series * (c + 1) / connections);
            senders[c] = new ConnectionSender(settings, series, first, end - first, target);
        }

        long firstTimestamp = settings.Mode == LoadMode.Collectl
            ? DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1
            : settings.FirstTimestamp;
        progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loadgen: {settings.Mode.ToString().ToLowerInvariant()} -> {target}, {settings.Series:N0} series ({SeriesSet.NodesFor(settings.Series)} nodes), {connections} connections, up to {settings.Rounds:N0} rounds from {firstTimestamp}, {settings.Duration.TotalSeconds:0} s max"));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        stop.CancelAfter(settings.Duration);
        var clock = new LoadClock(firstTimestamp);
        var running = Task.WhenAll(senders.Select(s => Task.Run(() => s.RunAsync(clock, stop.Token))));

        // Side loads (freshness probe, query load) run until the senders are done.
        using var sideStop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        using var http = settings.HttpBase is null ? null : CreateHttpClient(settings.HttpBase);
        FreshnessProbe? probe = null;
        QueryLoad? queries = null;
        var sideTasks = new List<Task>();
        if (settings.ProbeInterval > TimeSpan.Zero && http is not null)
        {
            probe = new FreshnessProbe(target, http, settings.Api, settings.ProbeName, settings.ProbeInterval, TimeSpan.FromSeconds(30), progress);
            sideTasks.Add(Task.Run(() => probe.RunAsync(sideStop.Token)));
        }
        if (settings.QueriesPerSecond > 0 && http is not null)
        {
            queries = new QueryLoad(http, settings.HostPrefix, settings.QueriesPerSecond, Math.Max(8, (int)(settings.QueriesPerSecond * 5)));
            sideTasks.Add(Task.Run(() => queries.RunAsync(sideStop.Token)));
        }
        long lastSent = 0;
        var lastTime = TimeSpan.Zero;
        while (await Task.WhenAny(running, Task.Delay(settings.ProgressInterval)).ConfigureAwait(false) != running)
        {
            long sent = senders.Sum(s => s.Sent);
            var now = clock.Elapsed;
            progress.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"loadgen: {now.TotalSeconds,7:F1} s  sent {sent,14:N0}  {(sent - lastSent) / (now - lastTime).TotalSeconds,12:N0} points/s"));
            lastSent = sent;
            lastTime = now;
        }
        await running.ConfigureAwait(false);
        var sideSeconds = clock.Elapsed.TotalSeconds;
        await sideStop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(sideTasks).ConfigureAwait(false);

        long total = senders.Sum(s => s.Sent);
        double seconds = clock.Elapsed.TotalSeconds;
        long fullRounds = total / settings.Series;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"loadgen: sent {total:N0} points ({settings.Series:N0} series) over {connections} connections in {seconds:F2} s = {total / seconds:N0} points/s"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"result points={total} series={settings.Series} rounds={fullRounds} first={firstTimestamp} last={firstTimestamp + Math.Max(0, fullRounds - 1)} seconds={seconds:F3} rate={total / seconds:F0}"));
        if (probe is not null) output.WriteLine(probe.Summary());
        if (queries is not null) output.WriteLine(queries.Summary(sideSeconds));
        return 0;
    }

    private static HttpClient CreateHttpClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), MaxConnectionsPerServer = 256 })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    private static async Task<IPEndPoint> ResolveAsync(string host, int port)
    {
        if (IPAddress.TryParse(host, out var address)) return new IPEndPoint(address, port);
        var addresses = await Dns.GetHostAddressesAsync(host).ConfigureAwait(false);
        return new IPEndPoint(addresses.First(), port);
    }
}
