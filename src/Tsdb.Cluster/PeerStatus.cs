namespace Tsdb.Cluster;

/// <summary>
/// One member as /health reports it: "up" (last request answered or never asked), or "backoff" (a
/// request failed; skipped until RetryAt). Counts are since startup.
/// </summary>
public sealed record PeerStatus(
    string Peer,
    string State,
    long Requests,
    long Failures,
    long Skipped,
    double? LastLatencyMs,
    string? LastError,
    DateTimeOffset? RetryAt);
