using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Tsdb.Cluster;

/// <summary>
/// Per-member self-metrics on the "Tsdb.Cluster" meter, tagged with the member and the request kind
/// (find, fetch, index): request latency, failed requests, and requests skipped during a back-off.
/// </summary>
internal sealed class ClusterMetrics : IDisposable
{
    public const string MeterName = "Tsdb.Cluster";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _skipped;

    public ClusterMetrics()
    {
        _duration = _meter.CreateHistogram<double>("tsdb.cluster.peer.request.duration", "ms", "Time to a member's answer");
        _errors = _meter.CreateCounter<long>("tsdb.cluster.peer.errors", description: "Member requests that failed or timed out");
        _skipped = _meter.CreateCounter<long>("tsdb.cluster.peer.skipped", description: "Member requests skipped during a back-off");
    }

    public void Request(string peer, string kind, double milliseconds, bool failed)
    {
        var tags = new TagList { { "peer", peer }, { "kind", kind } };
        _duration.Record(milliseconds, tags);
        if (failed) _errors.Add(1, tags);
    }

    public void Skipped(string peer, string kind) => _skipped.Add(1, new TagList { { "peer", peer }, { "kind", kind } });

    public void Dispose() => _meter.Dispose();
}
