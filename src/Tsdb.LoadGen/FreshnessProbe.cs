using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tsdb.LoadGen;

/// <summary>Which read API the probe polls.</summary>
public enum ReadApi
{
    /// <summary>graphite-web's GET /render?format=json (TsdbServer, graphite-web).</summary>
    Graphite,
    /// <summary>InfluxDB 1.x GET /query?db=graphite (measurement = the whole dotted name, field "value").</summary>
    Influx,
}

/// <summary>
/// Measures freshness while the load runs: on its own TCP connection it writes one marker point
/// (<c>&lt;name&gt; &lt;sequence&gt; &lt;current second&gt;</c>, never two in the same second), then polls
/// the read API back to back until that value is returned at that timestamp. The delay is from the
/// marker's send() returning to the first answer containing it, so it includes up to one poll round trip.
/// Each probe's delay is also written to <paramref name="log"/> (the progress stream), so a slow second shows.
/// </summary>
internal sealed class FreshnessProbe(IPEndPoint target, HttpClient http, ReadApi api, string name, TimeSpan interval, TimeSpan timeout, TextWriter log)
{
    private readonly List<double> _delaysMs = [];

    /// <summary>The worst delays of the first <see cref="StartProbes"/> probes and of every later one: a load of new
    /// series is slowest while they are created, and a run is judged by what follows as much as by that start.</summary>
    private double _startMaxMs = double.NaN, _laterMaxMs = double.NaN;

    private const int StartProbes = 3;
    private readonly List<double> _pollMs = [];
    private int _timeouts;
    private int _markers;

    public async Task RunAsync(CancellationToken stop)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(target, stop).ConfigureAwait(false);
        long lastSecond = 0;
        var started = Stopwatch.StartNew();
        try
        {
            for (long sequence = 1; !stop.IsCancellationRequested; sequence++)
            {
                var due = interval * (sequence - 1) - started.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, stop).ConfigureAwait(false);
                long second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                if (second <= lastSecond)
                {
                    await Task.Delay(DateTimeOffset.FromUnixTimeSeconds(lastSecond + 1) - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(1), stop).ConfigureAwait(false);
                    second = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
                }
                lastSecond = second;
                await ProbeOnceAsync(socket, sequence, second, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The load ended: the probe in flight is dropped, not counted.
        }
    }

    private async Task ProbeOnceAsync(Socket socket, long sequence, long second, CancellationToken stop)
    {
        var line = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{name} {sequence} {second}\n"));
        await socket.SendAsync(line, SocketFlags.None, stop).ConfigureAwait(false);
        _markers++;
        var sent = Stopwatch.StartNew();
        string url = QueryUrl(second);
        while (sent.Elapsed < timeout)
        {
            var poll = Stopwatch.StartNew();
            byte[] body;
            try
            {
                body = await http.GetByteArrayAsync(url, stop).ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                await Task.Delay(10, stop).ConfigureAwait(false);
                continue;
            }
            _pollMs.Add(poll.Elapsed.TotalMilliseconds);
            bool seen = api == ReadApi.Influx ? InfluxJson.ContainsPoint(body, second, sequence) : RenderJson.ContainsPoint(body, second, sequence);
            if (seen)
            {
                double delay = sent.Elapsed.TotalMilliseconds;
                _delaysMs.Add(delay);
                if (sequence <= StartProbes) _startMaxMs = double.IsNaN(_startMaxMs) ? delay : Math.Max(_startMaxMs, delay);
                else _laterMaxMs = double.IsNaN(_laterMaxMs) ? delay : Math.Max(_laterMaxMs, delay);
                log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {sequence} ({second}): visible after {sent.Elapsed.TotalMilliseconds:F1} ms"));
                return;
            }
            await Task.Delay(2, stop).ConfigureAwait(false);
        }
        _timeouts++;
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"probe {sequence} ({second}): not visible after {timeout.TotalSeconds:F0} s"));
    }

    private string QueryUrl(long second) => api == ReadApi.Influx
        ? string.Create(CultureInfo.InvariantCulture,
            $"/query?db=graphite&epoch=s&q={Uri.EscapeDataString($"SELECT value FROM \"{name}\" WHERE time >= {second - 5}s AND time <= {second + 5}s")}")
        : string.Create(CultureInfo.InvariantCulture,
            $"/render?target={Uri.EscapeDataString(name)}&from={second - 5}&until={second + 5}&format=json");

    /// <summary>"freshness probes=N timeouts=T median_ms=... p90_ms=... p99_ms=... max_ms=... poll_median_ms=...
    /// start_max_ms=... later_max_ms=... markers=M": the worst of the first three probes and of the rest (NaN when
    /// none was seen); M counts the marker points sent, which includes one still being polled when the load ended
    /// (sent, so stored, but neither seen nor timed out): what a count of the points the server stored must add.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"freshness probes={_delaysMs.Count + _timeouts} timeouts={_timeouts} {Percentiles.Summary(_delaysMs)} poll_median_ms={Percentiles.Of(_pollMs.Order().ToList(), 0.5):F1} start_max_ms={_startMaxMs:F1} later_max_ms={_laterMaxMs:F1} markers={_markers}");
}
