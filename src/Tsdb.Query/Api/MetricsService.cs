using Tsdb.Protocols.MessagePack;
using Tsdb.Core;
using Tsdb.Protocols.Pickle;
using Tsdb.Query.Cluster;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;
using Tsdb.Query.Time;

namespace Tsdb.Query.Api;

/// <summary>
/// /metrics/find, /metrics/expand and /metrics/index.json without HTTP (graphite-web metrics/views.py).
/// Leaf intervals in find's json format are [now - maxRetention, now] as floats (whisper reports
/// [now - maxRetention, mtime]). <paramref name="accept"/> arguments carry the request's Accept header:
/// JSON is ASCII-escaped only when it is absent or exactly application/json.
/// With <paramref name="peers"/>, requests without local=1 also list every cluster member's nodes
/// (graphite-web STORE.find over CLUSTER_SERVERS) and name unanswering members in X-Tsdb-Missing-Peers.
/// The async methods await the members without holding a thread; the others are for callers without peers.
/// Find answers in the clock-free formats are reused while the reader reports no new name (<see cref="FindAnswerCache"/>).
/// </summary>
public sealed class MetricsService(IMetricReader reader, long maxRetentionSeconds = 0, TimeProvider? clock = null,
    IClusterPeers? peers = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly FindAnswerCache _finds = new();

    private static readonly KeyValuePair<string, string>[] NoCacheHeaders =
        [new("Pragma", "no-cache"), new("Cache-Control", "no-cache")];

    public ApiResponse Find(RequestParameters p, string? accept = null) => FindAsync(p, accept).GetAwaiter().GetResult();

    public async Task<ApiResponse> FindAsync(RequestParameters p, string? accept = null)
    {
        string format = p.Get("format") ?? "treejson";
        long leavesOnly, wildcards, position, automaticVariants, local;
        string query;
        DateTimeOffset now;
        try
        {
            leavesOnly = IntParam(p, "leavesOnly", 0);
            local = IntParam(p, "local", 0);
            wildcards = IntParam(p, "wildcards", 0);
            var tz = TimeZones.Resolve(p.Get("tz"));
            now = p.Get("now") is { } nowText ? TimeParam("now", nowText, tz, _clock.GetUtcNow()) : _clock.GetUtcNow();
            long? from = p.Get("from") is { } f && f != "-1" ? TimeParam("from", f, tz, now).ToUnixTimeSeconds() : null;
            long? until = p.Get("until") is { } u && u != "-1" ? TimeParam("until", u, tz, now).ToUnixTimeSeconds() : null;
            position = IntParam(p, "position", -1);
            automaticVariants = IntParam(p, "automatic_variants", 0);
            query = p.Get("query") ?? throw new QueryException("Missing required parameter 'query'");
            if (query.Length == 0) throw new QueryException("Required parameter 'query' is empty");
            if (from > until)
                throw new QueryException($"Failed to instantiate find query: Invalid interval start={from} end={until}");
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message})");
        }

        // Answers that depend on neither the clock nor cluster members are reused while no name is added.
        string? cacheKey = null;
        long generation = 0;
        if (format is "treejson" or "nodelist" or "completer" && (local != 0 || peers is null)
            && reader.NamesGeneration is long g)
        {
            generation = g;
            // Fields without line breaks first, then the query's length, so the two free texts cannot shift into
            // each other: no two different requests share a key.
            cacheKey = string.Join('\n', format, leavesOnly, wildcards, position, automaticVariants, EnsureAscii(accept),
                !string.IsNullOrEmpty(p.Get("pretty")), query.Length, query, p.Get("jsonp"));
            if (_finds.Get(cacheKey, generation) is { } cached) return cached;
        }

        int lastDot = query.LastIndexOf('.');
        string basePath = lastDot >= 0 ? query[..(lastDot + 1)] : "";
        if (format == "completer") query = CompleterQuery(query, automaticVariants != 0);

        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var matches = (await FindAsync(query, local != 0, missing).ConfigureAwait(false)).Where(n => n.IsLeaf || leavesOnly == 0)
            .OrderBy(n => NodeName(n.Path), StringComparer.Ordinal).ToList();
        object content;
        switch (format)
        {
            case "pickle":
                var pickled = MetricsJson.PickleNodes(matches, now.ToUnixTimeSeconds() - maxRetentionSeconds, now.ToUnixTimeSeconds());
                return new ApiResponse(200, ApiResponse.Pickle, "")
                {
                    Bytes = PickleWriter.Serialize(pickled), Headers = WithMissing(NoCacheHeaders, missing),
                };
            case "msgpack":
                var packed = MetricsJson.PickleNodes(matches, now.ToUnixTimeSeconds() - maxRetentionSeconds, now.ToUnixTimeSeconds());
                return new ApiResponse(200, ApiResponse.MsgPack, "")
                {
                    Bytes = MessagePackPlainWriter.Serialize(packed), Headers = WithMissing(NoCacheHeaders, missing),
                };
            case "treejson":
                content = MetricsJson.TreeJson(matches, basePath, wildcards != 0);
                break;
            case "nodelist":
                content = MetricsJson.NodeList(matches, position);
                break;
            case "json":
                content = MetricsJson.Nodes(matches, now.ToUnixTimeSeconds() - maxRetentionSeconds, now.ToUnixTimeSeconds());
                break;
            case "completer":
                content = MetricsJson.Completer(matches, wildcards != 0);
                break;
            default:
                return new ApiResponse(400, "text/plain", "Invalid value for 'format' parameter");
        }
        var answer = JsonResponse(content, p, accept, p.Get("jsonp"), WithMissing(NoCacheHeaders, missing));
        return cacheKey is null ? answer : _finds.Put(cacheKey, generation, answer);
    }

    /// <summary>Local matches, plus every peer's unless local=1, merged: one entry per (path, leaf), sorted by path, branch first.</summary>
    private async Task<IEnumerable<MetricNode>> FindAsync(string query, bool localOnly, SortedSet<string> missing)
    {
        var nodes = reader.Find(query);
        if (localOnly || peers is null) return nodes;
        var remote = await peers.FindAsync(query).ConfigureAwait(false);
        lock (missing) missing.UnionWith(remote.MissingPeers);
        return nodes.Concat(remote.Value).Distinct()
            .OrderBy(n => n.Path, StringComparer.Ordinal).ThenBy(n => n.IsLeaf);
    }

    private static IReadOnlyList<KeyValuePair<string, string>> WithMissing(IReadOnlyList<KeyValuePair<string, string>> headers,
        IReadOnlyCollection<string> missing) =>
        missing.Count == 0 ? headers : [.. headers, new(ApiResponse.MissingPeersHeader, string.Join(",", missing))];

    /// <summary>expand_view: paths (branches too unless leavesOnly) of every query, merged and sorted or grouped by query.</summary>
    public ApiResponse Expand(RequestParameters p, string? accept = null) => ExpandAsync(p, accept).GetAwaiter().GetResult();

    /// <summary><see cref="Expand"/>; the queries' cluster finds run in parallel.</summary>
    public async Task<ApiResponse> ExpandAsync(RequestParameters p, string? accept = null)
    {
        long leavesOnly, groupByExpr, local;
        try
        {
            local = IntParam(p, "local", 0);
            groupByExpr = IntParam(p, "groupByExpr", 0);
            leavesOnly = IntParam(p, "leavesOnly", 0);
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message})");
        }
        var perQuery = new JsonObject();
        var all = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        var queries = p.GetAll("query").Distinct().ToList();
        var found = await Task.WhenAll(queries.Select(q => FindAsync(q, local != 0, missing))).ConfigureAwait(false);
        for (int i = 0; i < queries.Count; i++)
        {
            string query = queries[i];
            var paths = found[i].Where(n => n.IsLeaf || leavesOnly == 0).Select(n => n.Path)
                .Distinct().Order(StringComparer.Ordinal).ToList();
            perQuery.Add(query, paths);
            all.UnionWith(paths);
        }
        var result = new JsonObject { { "results", groupByExpr != 0 ? perQuery : all.ToList() } };
        return JsonResponse(result, p, accept, p.Get("jsonp"), WithMissing(NoCacheHeaders, missing));
    }

    /// <summary>index_json: every leaf path, sorted (with peers and without local=1: every member's, once).</summary>
    public ApiResponse Index(RequestParameters p, string? accept = null) => IndexAsync(p, accept).GetAwaiter().GetResult();

    public async Task<ApiResponse> IndexAsync(RequestParameters p, string? accept = null)
    {
        IEnumerable<string> paths = reader.AllLeafPaths();
        IReadOnlyList<string> missing = [];
        if (p.Get("local") != "1" && peers is not null)
        {
            var remote = await peers.IndexAsync().ConfigureAwait(false);
            missing = remote.MissingPeers;
            paths = paths.Concat(remote.Value).Distinct(StringComparer.Ordinal);
        }
        return JsonResponse(paths.Order(StringComparer.Ordinal).ToList(), p, accept, p.Get("jsonp"), WithMissing([], missing));
    }

    /// <summary>json_response_for: ensure_ascii by Accept, pretty = indent 2, non-empty jsonp wraps in text/javascript.</summary>
    private static ApiResponse JsonResponse(object content, RequestParameters p, string? accept, string? jsonp,
        IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        bool ensureAscii = EnsureAscii(accept);
        string body = PythonJson.Serialize(content, ensureAscii, indent: !string.IsNullOrEmpty(p.Get("pretty")));
        string contentType = ApiResponse.Json;
        if (!string.IsNullOrEmpty(jsonp))
        {
            body = $"{jsonp}({body})";
            contentType = "text/javascript";
        }
        if (!ensureAscii) contentType += ";charset=utf-8";
        return new ApiResponse(200, contentType, body) { Headers = headers };
    }

    private static bool EnsureAscii(string? accept) => accept is null or "application/json";

    /// <summary>The completer rewrite: '..' becomes '*.', a '*' is appended; automatic_variants braces comma nodes.</summary>
    private static string CompleterQuery(string query, bool automaticVariants)
    {
        query = query.Replace("..", "*.");
        if (!query.EndsWith('*')) query += "*";
        if (!automaticVariants) return query;
        var parts = query.Split('.');
        for (int i = 0; i < parts.Length; i++)
            if (parts[i].Contains(',') && !parts[i].Contains('{')) parts[i] = "{" + parts[i] + "}";
        return string.Join('.', parts);
    }

    internal static string NodeName(string path) => path[(path.LastIndexOf('.') + 1)..];

    private static long IntParam(RequestParameters p, string name, long fallback)
    {
        if (p.Get(name) is not { } text) return fallback;
        try
        {
            return PythonParse.Int(text);
        }
        catch (FormatException e)
        {
            throw new QueryException($"Invalid int value {PythonRepr.Str(text)} for param {name}: {e.Message}");
        }
    }

    private static DateTimeOffset TimeParam(string name, string text, TimeZoneInfo tz, DateTimeOffset now)
    {
        try
        {
            return AtTimeParser.Parse(text, tz, now);
        }
        catch (QueryException e)
        {
            throw new QueryException($"Invalid value {PythonRepr.Str(text)} for param {name}: {e.Message}");
        }
    }
}
