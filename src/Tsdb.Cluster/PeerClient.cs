using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Tsdb.Protocols.Pickle;

namespace Tsdb.Cluster;

/// <summary>
/// One cluster member: sends its requests and keeps graphite-web's RemoteStore state for it. A request
/// that fails (transport error, timeout, non-200, undecodable body) marks the member as failed; it is
/// then skipped, and reported missing, until RetryDelay has passed (graphite-web REMOTE_RETRY_DELAY).
/// Thread-safe: one instance serves all concurrent requests.
/// </summary>
internal sealed class PeerClient
{
    private readonly Uri _base;
    private readonly HttpClient _http;
    private readonly ClusterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ClusterMetrics _metrics;
    private readonly Lock _lock = new();
    private DateTimeOffset? _retryAt;
    private long _requests, _failures, _skipped;
    private double? _lastLatencyMs;
    private string? _lastError;

    public PeerClient(Uri baseAddress, HttpClient http, ClusterOptions options, TimeProvider time, ILogger logger, ClusterMetrics metrics)
    {
        Name = baseAddress.ToString().TrimEnd('/');
        _base = new Uri(Name + "/");
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _metrics = metrics;
    }

    /// <summary>The address as configured (no trailing slash): how logs, headers and /health name it.</summary>
    public string Name { get; }

    /// <summary>
    /// Set once the member answered find's pickle with objects (graphite-web pickles IntervalSet
    /// instances, which the restricted unpickler refuses): finds then use format=json, which carries
    /// the same paths and leaf flags as plain data.
    /// </summary>
    public volatile bool FindAsJson;

    /// <summary>
    /// GET <paramref name="relativeUrl"/> (relative to the base address) and decode the body. Returns
    /// (false, default) when the member is backing off or the request failed; failures are logged once.
    /// </summary>
    public Task<(bool Ok, T Value)> GetAsync<T>(string kind, string relativeUrl, TimeSpan timeout, Func<byte[], T> decode) =>
        SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Get, new Uri(_base, relativeUrl)), timeout, decode);

    /// <summary>POST an urlencoded form (already encoded), for requests too long for a URL.</summary>
    public Task<(bool Ok, T Value)> PostFormAsync<T>(string kind, string relativeUrl, string form, TimeSpan timeout, Func<byte[], T> decode) =>
        SendAsync(kind, () => new HttpRequestMessage(HttpMethod.Post, new Uri(_base, relativeUrl))
        {
            Content = new StringContent(form, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        }, timeout, decode);

    private async Task<(bool Ok, T Value)> SendAsync<T>(string kind, Func<HttpRequestMessage> request, TimeSpan timeout, Func<byte[], T> decode)
    {
        lock (_lock)
        {
            if (_retryAt is { } retry && _time.GetUtcNow() < retry)
            {
                _skipped++;
                _metrics.Skipped(Name, kind);
                return (false, default!);
            }
        }
        long started = Stopwatch.GetTimestamp();
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            using var message = request();
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, cts.Token);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cts.Token);
            if (!response.IsSuccessStatusCode)
                throw new PeerAnswerException($"HTTP {(int)response.StatusCode} from {kind}");
            T value = decode(body);
            Record(kind, started, error: null);
            return (true, value);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or PeerAnswerException
                                      or PickleRejectedException or JsonException or InvalidCastException or FormatException
                                      or KeyNotFoundException or InvalidOperationException)
        {
            string reason = e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds:0.#} s" : e.Message;
            Record(kind, started, reason);
            return (false, default!);
        }
    }

    private void Record(string kind, long started, string? error)
    {
        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        _metrics.Request(Name, kind, ms, error is not null);
        DateTimeOffset? retryAt = null;
        lock (_lock)
        {
            _requests++;
            _lastLatencyMs = ms;
            if (error is null)
            {
                _retryAt = null;
                return;
            }
            _failures++;
            _lastError = error;
            _retryAt = retryAt = _time.GetUtcNow() + _options.RetryDelay;
        }
        Log.PeerFailed(_logger, Name, kind, error, retryAt.Value);
    }

    public PeerStatus Status()
    {
        lock (_lock)
        {
            bool backingOff = _retryAt is { } r && _time.GetUtcNow() < r;
            return new PeerStatus(Name, backingOff ? "backoff" : "up", _requests, _failures, _skipped, _lastLatencyMs, _lastError,
                backingOff ? _retryAt : null);
        }
    }
}

/// <summary>A member answered, but not with something a cluster member answers.</summary>
internal sealed class PeerAnswerException(string message) : Exception(message);

internal static partial class Log
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Warning,
        Message = "cluster peer {Peer} is missing from the answer: {Kind} failed ({Reason}); skipped until {RetryAt:O}")]
    public static partial void PeerFailed(ILogger logger, string peer, string kind, string reason, DateTimeOffset retryAt);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Warning,
        Message = "answer built without cluster peers {Peers} (backing off or failed)")]
    public static partial void AnswerWithoutPeers(ILogger logger, string peers);
}
