using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Core.Tags;
using Tsdb.Query.Cluster;

namespace Tsdb.Cluster;

/// <summary>
/// graphite-web's cluster protocol as a client (finders/remote.py, readers/remote.py, spec §9): every
/// member is asked in parallel with local=1, so a member answers from its own data and requests never
/// loop. Find: GET metrics/find/?local=1&amp;format=pickle&amp;query=P (3 s). Fetch: one
/// GET render/?format=pickle&amp;local=1&amp;noCache=1&amp;from&amp;until&amp;now&amp;target=P1&amp;target=P2... per
/// member with all patterns of the request (6 s). Index: GET metrics/index.json?local=1 (6 s).
/// Tags: GET tags/findSeries, tags/autoComplete/tags, tags/autoComplete/values and tags with the
/// caller's fields plus local=1 (3 s, JSON answers).
/// A member that fails is left out of the answer, named in <see cref="PeerAnswer{T}.MissingPeers"/>,
/// logged, and skipped until its back-off ends. Calls complete when every member answered or timed
/// out; no thread waits meanwhile.
/// </summary>
public sealed class ClusterPeers : IClusterPeers, IDisposable
{
    // Above this, a GET URL risks proxies' and servers' limits (graphite-web switches to POST with
    // REMOTE_STORE_USE_POST); the targets then go in an urlencoded form instead.
    private const int MaxQueryLength = 6000;

    private readonly ClusterOptions _options;
    private readonly HttpClient _http;
    private readonly ClusterMetrics _metrics = new();
    private readonly ILogger _logger;
    private readonly IReadOnlyList<PeerClient> _peers;

    public ClusterPeers(ClusterOptions options, ILoggerFactory? loggers = null, TimeProvider? time = null)
    {
        _options = options;
        _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger("Tsdb.Cluster");
        // Timeouts are per request (find vs fetch); the client itself never times out first.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _peers = options.Peers.Select(p => new PeerClient(p, _http, options, time ?? TimeProvider.System, _logger, _metrics)).ToList();
    }

    /// <summary>Each member's state and counters, in configuration order (for /health).</summary>
    public IReadOnlyList<PeerStatus> Status() => _peers.Select(p => p.Status()).ToList();

    public Task<PeerAnswer<IReadOnlyList<MetricNode>>> FindAsync(string pattern) =>
        GatherAsync("find", peer => FindOneAsync(peer, pattern));

    public Task<PeerAnswer<IReadOnlyList<PeerSeries>>> FetchAsync(IReadOnlyList<string> patterns, long from, long until, long now)
    {
        var query = new StringBuilder($"format=pickle&local=1&noCache=1&from={from}&until={until}&now={now}");
        foreach (var pattern in patterns) query.Append("&target=").Append(Uri.EscapeDataString(pattern));
        return GatherAsync("fetch", peer => GetOrPostAsync(peer, "fetch", "render/", query.ToString(), _options.FetchTimeout, PeerResponses.Render));
    }

    public Task<PeerAnswer<IReadOnlyList<string>>> IndexAsync() =>
        GatherAsync("index", peer => peer.GetAsync<IReadOnlyList<string>>("index", "metrics/index.json?local=1", _options.FetchTimeout, PeerResponses.Index));

    public Task<PeerAnswer<IReadOnlyList<string>>> TagStringsAsync(string view, IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        string query = Form(fields);
        return GatherAsync("tags", peer => GetOrPostAsync(peer, "tags", view, query, _options.FindTimeout, PeerResponses.Strings));
    }

    public Task<PeerAnswer<IReadOnlyList<TagInfo>>> ListTagsAsync(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        string query = Form(fields);
        return GatherAsync("tags", peer => GetOrPostAsync(peer, "tags", "tags", query, _options.FindTimeout, PeerResponses.TagList));
    }

    /// <summary>The fields urlencoded, then local=1.</summary>
    private static string Form(IReadOnlyList<KeyValuePair<string, string>> fields) =>
        string.Concat(fields.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value) + "&")) + "local=1";

    /// <summary>GET path?query, or POST the query as a form when the URL would be too long.</summary>
    private static Task<(bool Ok, IReadOnlyList<T> Value)> GetOrPostAsync<T>(PeerClient peer, string kind, string path, string query,
        TimeSpan timeout, Func<byte[], IReadOnlyList<T>> decode) =>
        path.Length + 1 + query.Length <= MaxQueryLength
            ? peer.GetAsync(kind, path + "?" + query, timeout, decode)
            : peer.PostFormAsync(kind, path, query, timeout, decode);

    private async Task<(bool Ok, IReadOnlyList<MetricNode> Value)> FindOneAsync(PeerClient peer, string pattern)
    {
        string query = "&query=" + Uri.EscapeDataString(pattern);
        if (!peer.FindAsJson)
        {
            var (ok, nodes) = await peer.GetAsync<IReadOnlyList<MetricNode>?>("find", "metrics/find/?local=1&format=pickle" + query,
                _options.FindTimeout, body =>
                {
                    try
                    {
                        return PeerResponses.FindPickle(body);
                    }
                    catch (Protocols.Pickle.PickleRejectedException)
                    {
                        // graphite-web pickles IntervalSet objects here: ask again as JSON, now and from now on.
                        peer.FindAsJson = true;
                        return null;
                    }
                });
            if (!ok || nodes is not null) return (ok, nodes ?? []);
        }
        return await peer.GetAsync<IReadOnlyList<MetricNode>>("find", "metrics/find/?local=1&format=json" + query,
            _options.FindTimeout, PeerResponses.FindJson);
    }

    /// <summary>Runs one request per member in parallel, concatenates the answers in member order.</summary>
    private async Task<PeerAnswer<IReadOnlyList<T>>> GatherAsync<T>(string kind, Func<PeerClient, Task<(bool Ok, IReadOnlyList<T> Value)>> request)
    {
        var tasks = _peers.Select(request).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var all = new List<T>();
        var missing = new List<string>();
        for (int i = 0; i < tasks.Length; i++)
        {
            var (ok, value) = tasks[i].Result;
            if (ok) all.AddRange(value);
            else missing.Add(_peers[i].Name);
        }
        if (missing.Count > 0) Log.AnswerWithoutPeers(_logger, $"{string.Join(", ", missing)} ({kind})");
        return new PeerAnswer<IReadOnlyList<T>>(all, missing);
    }

    public void Dispose()
    {
        _http.Dispose();
        _metrics.Dispose();
    }
}
