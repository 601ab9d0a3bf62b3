using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Tsdb.LoadGen;

/// <summary>
/// An open-loop query load: <c>perSecond</c> Grafana-shaped POST /render requests per second (form body,
/// from=-1h, maxDataPoints=1000, format=json), cycling through the panel set of bench/e2e.sh. Requests are
/// started on schedule whether or not earlier ones have answered (as Grafana's refresh does), up to
/// <c>maxInFlight</c> at once; a tick that finds that many still running is counted as skipped.
/// </summary>
internal sealed class QueryLoad(HttpClient http, string hostPrefix, double perSecond, int maxInFlight)
{
    private readonly object _gate = new();
    private readonly List<double>[] _latencies = Panels("x").Select(_ => new List<double>()).ToArray();
    private readonly SortedDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private int _inFlight, _errors, _skipped, _started;

    /// <summary>The panel set: (short name, target) with host names "&lt;prefix&gt;NNNN".</summary>
    public static IReadOnlyList<(string Name, string Target)> Panels(string prefix) =>
    [
        ("aliasByNode", $"aliasByNode({prefix}0001.diskinfo.*.vda,0,2)"),
        ("sumSeries", $"sumSeries({prefix}*.cputotals.user)"),
        ("groupByNode", $"groupByNode({prefix}*.diskinfo.writekbs.*,0,\"sumSeries\")"),
        ("highestMax", $"highestMax({prefix}*.cpuload.avg1,5)"),
        ("movingAverage", $"movingAverage({prefix}0002.meminfo.free,60)"),
    ];

    /// <summary>When the request numbered <paramref name="index"/> (from 0) is due, from the start of the load.</summary>
    public static TimeSpan DueAt(long index, double perSecond) => TimeSpan.FromSeconds(index / perSecond);

    public async Task RunAsync(CancellationToken stop)
    {
        var panels = Panels(hostPrefix);
        var clock = Stopwatch.StartNew();
        var running = new List<Task>();
        try
        {
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var due = DueAt(i, perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, stop).ConfigureAwait(false);
                lock (_gate)
                {
                    if (_inFlight >= maxInFlight) { _skipped++; continue; }
                    _inFlight++;
                    _started++;
                }
                int panel = (int)(i % panels.Count);
                running.Add(Task.Run(() => OneAsync(panel, panels[panel].Target)));
                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private async Task OneAsync(int panel, string target)
    {
        var watch = Stopwatch.StartNew();
        bool ok = false;
        string failure = "";
        try
        {
            using var form = new FormUrlEncodedContent(
            [
                new("target", target), new("from", "-1h"), new("until", "now"),
                new("format", "json"), new("maxDataPoints", "1000"),
            ]);
            using var response = await http.PostAsync("/render", form).ConfigureAwait(false);
            await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
            ok = response.StatusCode == HttpStatusCode.OK;
            failure = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            failure = e is TaskCanceledException ? "timeout" : "connection";
        }
        double ms = watch.Elapsed.TotalMilliseconds;
        lock (_gate)
        {
            _inFlight--;
            if (ok) _latencies[panel].Add(ms);
            else
            {
                _errors++;
                _failures[failure] = _failures.GetValueOrDefault(failure) + 1;
            }
        }
    }

    /// <summary>"queries started=N ok=N errors=N skipped=N median_ms=... p99_ms=..." then one line of medians per panel.</summary>
    public string Summary(double seconds)
    {
        lock (_gate)
        {
            var all = _latencies.SelectMany(l => l).ToList();
            var panels = Panels(hostPrefix);
            var perPanel = string.Join(" ", panels.Select((p, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{p.Name}={Percentiles.Of(_latencies[i].Order().ToList(), 0.5):F1}")));
            return string.Create(CultureInfo.InvariantCulture,
                $"queries started={_started} per_s={_started / seconds:F1} ok={all.Count} errors={_errors} skipped={_skipped} {Percentiles.Summary(all)}") +
                (_failures.Count == 0 ? "" : " failures=" + string.Join(",", _failures.Select(f => $"{f.Key}:{f.Value}"))) + "\n" +
                $"query_medians_ms {perPanel}";
        }
    }
}
