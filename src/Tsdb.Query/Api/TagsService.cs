using Tsdb.Core.Tags;
using Tsdb.Query.Cluster;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Api;

/// <summary>
/// graphite-web's tags views (tags/views.py, util.py jsonResponse) without HTTP. Every answer is JSON;
/// `pretty` indents by 2 and sorts keys. A ValueError upstream (bad expression, the empty-string rule, a
/// limit that is not an integer, a missing parameter) is 400 {"error": msg}; any other failure (a path
/// that is not a valid tagged name) is 500 {"error": msg}. Parameters are GET and POST merged by the
/// caller; which methods each endpoint accepts (405 otherwise) is the HTTP module's business.
/// <para>
/// With <paramref name="peers"/>, the read views answer for the whole cluster unless local=1. The local
/// database answers first (so a user mistake is its 400 and no peer is asked), then every peer is asked
/// the same with local=1 and the answers are merged; peers that did not answer are named in
/// X-Tsdb-Missing-Peers. autoComplete/tags and autoComplete/values are graphite-web 1.1.8's
/// Store.tagdb_auto_complete_* over CLUSTER_SERVERS: union, sorted, cut to `limit` only when one was
/// given (each member already cuts to `limit`, default 100). graphite-web answers findSeries, /tags and
/// /tags/&lt;tag&gt; from STORE.tagdb alone (its own database, or HttpTagDB's one shared service, never the
/// cluster members); TsdbServer nodes have no shared tag database, so they ask every member as HttpTagDB
/// asks its service: findSeries unions the sorted names; /tags unions the tags (the first member listing
/// a tag gives its id: local, then peers in order), sorted, limited; /tags/&lt;tag&gt; collects the names of
/// the series carrying the tag (findSeries with `tag!=`) from every member, so each value's count is the
/// number of distinct series in the cluster, and numbers tags and values in name order.
/// The async methods await the peers without holding a thread; the others are for callers without peers.
/// </para>
/// </summary>
public sealed class TagsService(ITagDatabase tags, IClusterPeers? peers = null)
{
    /// <summary>/tags: [{"id", "tag"}] sorted; `filter` regex, `limit`.</summary>
    public ApiResponse ListTags(RequestParameters p) => ListTagsAsync(p).GetAwaiter().GetResult();

    public Task<ApiResponse> ListTagsAsync(RequestParameters p) => AnswerAsync(p,
        () => tags.ListTags(p.Get("filter"), Limit(p)),
        async (local, cluster) =>
        {
            var remote = await cluster.ListTagsAsync(Fields(p, "filter", "limit")).ConfigureAwait(false);
            var merged = local.Concat(remote.Value).DistinctBy(t => t.Tag, StringComparer.Ordinal)
                .OrderBy(t => t.Tag, StringComparer.Ordinal);
            return (Limited(merged, Limit(p)).ToList(), remote.MissingPeers);
        },
        list => list.Select(TagJson).ToList<object?>());

    /// <summary>/tags/&lt;tag&gt;: {"id", "tag", "values": [{"id", "value", "count"}]} or null.</summary>
    public ApiResponse TagDetails(string tag, RequestParameters p) => TagDetailsAsync(tag, p).GetAwaiter().GetResult();

    public Task<ApiResponse> TagDetailsAsync(string tag, RequestParameters p) => AnswerAsync(p,
        () => tags.GetTag(tag, p.Get("filter"), Limit(p)),
        async (local, cluster) =>
        {
            string[] carrying = [tag + "!="];
            var remote = await cluster.TagStringsAsync("tags/findSeries", carrying.Select(e => KeyValuePair.Create("expr", e)).ToList())
                .ConfigureAwait(false);
            var names = local is null ? remote.Value : tags.FindSeries(carrying).Concat(remote.Value);
            var index = new TagIndex();
            foreach (var name in names.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)) index.Add(name);
            return (index.Count == 0 ? local : index.GetTag(tag, p.Get("filter"), Limit(p)), remote.MissingPeers);
        },
        details => details is null
            ? null
            : new JsonObject
            {
                { "id", (long)details.Id },
                { "tag", details.Tag },
                { "values", details.Values.Select(v => (object?)new JsonObject
                    { { "id", (long)v.Id }, { "value", v.Value }, { "count", (long)v.Count } }).ToList() },
            });

    /// <summary>/tags/findSeries: sorted canonical names; `expr` (or `expr[]`) repeated.</summary>
    public ApiResponse FindSeries(RequestParameters p) => FindSeriesAsync(p).GetAwaiter().GetResult();

    public Task<ApiResponse> FindSeriesAsync(RequestParameters p) => AnswerAsync(p,
        () =>
        {
            var exprs = Expressions(p);
            if (exprs.Count == 0) throw new TagQueryException("no tag expressions specified");
            return tags.FindSeries(exprs);
        },
        async (local, cluster) =>
        {
            var remote = await cluster.TagStringsAsync("tags/findSeries", ExpressionFields(p)).ConfigureAwait(false);
            return (Union(local, remote.Value), remote.MissingPeers);
        },
        Strings);

    /// <summary>/tags/autoComplete/tags: `expr`..., `tagPrefix`, `limit` (default 100).</summary>
    public ApiResponse AutoCompleteTags(RequestParameters p) => AutoCompleteTagsAsync(p).GetAwaiter().GetResult();

    public Task<ApiResponse> AutoCompleteTagsAsync(RequestParameters p) => AnswerAsync(p,
        () => tags.AutoCompleteTags(Expressions(p), p.Get("tagPrefix"), Limit(p) ?? TagIndex.DefaultAutoCompleteLimit),
        async (local, cluster) =>
        {
            // RemoteFinder.auto_complete_tags: tagPrefix, limit (default 100), local=1, expr...
            List<KeyValuePair<string, string>> fields =
                [new("tagPrefix", p.Get("tagPrefix") ?? ""), new("limit", AutoCompleteLimitText(p)), .. ExpressionFields(p)];
            var remote = await cluster.TagStringsAsync("tags/autoComplete/tags", fields).ConfigureAwait(false);
            return (AutoCompleteMerge(local, remote.Value, p), remote.MissingPeers);
        },
        Strings);

    /// <summary>/tags/autoComplete/values: `tag` (required), `expr`..., `valuePrefix`, `limit` (default 100).</summary>
    public ApiResponse AutoCompleteValues(RequestParameters p) => AutoCompleteValuesAsync(p).GetAwaiter().GetResult();

    public Task<ApiResponse> AutoCompleteValuesAsync(RequestParameters p) => AnswerAsync(p,
        () =>
        {
            string tag = p.Get("tag") is { Length: > 0 } t ? t : throw new TagQueryException("no tag specified");
            return tags.AutoCompleteValues(Expressions(p), tag, p.Get("valuePrefix"), Limit(p) ?? TagIndex.DefaultAutoCompleteLimit);
        },
        async (local, cluster) =>
        {
            // RemoteFinder.auto_complete_values: tag, valuePrefix, limit (default 100), local=1, expr...
            List<KeyValuePair<string, string>> fields =
            [
                new("tag", p.Get("tag")!), new("valuePrefix", p.Get("valuePrefix") ?? ""), new("limit", AutoCompleteLimitText(p)),
                .. ExpressionFields(p),
            ];
            var remote = await cluster.TagStringsAsync("tags/autoComplete/values", fields).ConfigureAwait(false);
            return (AutoCompleteMerge(local, remote.Value, p), remote.MissingPeers);
        },
        Strings);

    /// <summary>/tags/tagSeries (POST): the canonical name of `path`.</summary>
    public ApiResponse TagSeries(RequestParameters p) => Answer(p, () =>
        tags.TagSeries(p.Get("path") is { Length: > 0 } path ? path : throw new TagQueryException("no path specified")));

    /// <summary>/tags/tagMultiSeries (POST): canonical names of every `path` (or `path[]`).</summary>
    public ApiResponse TagMultiSeries(RequestParameters p) => Answer(p, () =>
    {
        var paths = Repeated(p, "path");
        if (paths.Count == 0) throw new TagQueryException("no paths specified");
        return paths.Select(path => (object?)tags.TagSeries(path)).ToList();
    });

    /// <summary>/tags/delSeries (POST): removes every `path` (or `path[]`); answers true.</summary>
    public ApiResponse DeleteSeries(RequestParameters p) => Answer(p, () =>
    {
        var paths = Repeated(p, "path");
        if (paths.Count == 0) throw new TagQueryException("no path specified");
        foreach (var path in paths) tags.DeleteSeries(path);
        return true;
    });

    private static JsonObject TagJson(TagInfo t) => new() { { "id", (long)t.Id }, { "tag", t.Tag } };

    private static List<object?> Strings(IEnumerable<string> items) => items.Select(s => (object?)s).ToList();

    private static IReadOnlyList<string> Expressions(RequestParameters p) => Repeated(p, "expr");

    /// <summary>The expressions as graphite-web sends them to a member: `expr` repeated.</summary>
    private static List<KeyValuePair<string, string>> ExpressionFields(RequestParameters p) =>
        Expressions(p).Select(e => KeyValuePair.Create("expr", e)).ToList();

    /// <summary>The named parameters that are present, for a member's request.</summary>
    private static List<KeyValuePair<string, string>> Fields(RequestParameters p, params string[] names) =>
        names.Where(p.Contains).Select(n => KeyValuePair.Create(n, p.Get(n)!)).ToList();

    /// <summary>str(limit) as RemoteFinder sends it: the parameter as given, 100 when absent.</summary>
    private static string AutoCompleteLimitText(RequestParameters p) =>
        p.Get("limit") ?? TagIndex.DefaultAutoCompleteLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Union(IEnumerable<string> local, IEnumerable<string> remote) =>
        local.Concat(remote).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>storage.py: sorted(set(...)), then results[:int(limit)] only if a non-empty limit was given.</summary>
    private static List<string> AutoCompleteMerge(IEnumerable<string> local, IEnumerable<string> remote, RequestParameters p)
    {
        var union = Union(local, remote);
        if (Limit(p) is not int limit) return union;
        return limit >= 0 ? union.Take(limit).ToList() : union.Take(Math.Max(0, union.Count + limit)).ToList();
    }

    /// <summary>list_tags' limit: a non-negative limit keeps that many, a negative one keeps all (as the local database).</summary>
    private static IEnumerable<T> Limited<T>(IEnumerable<T> items, int? limit) => limit is int n && n >= 0 ? items.Take(n) : items;

    /// <summary>`name` values, else the jQuery-style `name[]` ones.</summary>
    private static IReadOnlyList<string> Repeated(RequestParameters p, string name) =>
        p.GetAll(name) is { Count: > 0 } plain ? plain : p.GetAll(name + "[]");

    /// <summary>Python int() of `limit`; absent or empty = none.</summary>
    private static int? Limit(RequestParameters p)
    {
        string? text = p.Get("limit");
        if (string.IsNullOrEmpty(text)) return null;
        if (PythonParse.TryInt(text, out long value)) return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
        throw new TagQueryException($"invalid literal for int() with base 10: {PythonRepr.Str(text)}");
    }

    /// <summary>
    /// The local answer, or its error; with peers and without local=1, the merge of it with the peers'
    /// answers, naming the peers that did not answer.
    /// </summary>
    private async Task<ApiResponse> AnswerAsync<T>(RequestParameters p, Func<T> local,
        Func<T, IClusterPeers, Task<(T Value, IReadOnlyList<string> Missing)>> merge, Func<T, object?> json)
    {
        if (Run(p, local, out T value) is { } error) return error;
        bool pretty = Pretty(p);
        if (peers is null || p.Get("local") == "1") return Json(200, json(value), pretty);
        var (merged, missing) = await merge(value, peers).ConfigureAwait(false);
        var response = Json(200, json(merged), pretty);
        return missing.Count == 0
            ? response
            : response with { Headers = [.. response.Headers, new(ApiResponse.MissingPeersHeader, string.Join(",", missing))] };
    }

    private static ApiResponse Answer(RequestParameters p, Func<object?> body) =>
        Run(p, body, out var value) ?? Json(200, value, Pretty(p));

    /// <summary>Runs a database call: null when it succeeded, else the answer graphite-web gives for its error.</summary>
    private static ApiResponse? Run<T>(RequestParameters p, Func<T> call, out T value)
    {
        value = default!;
        try
        {
            value = call();
            return null;
        }
        catch (TagQueryException e)
        {
            return Json(400, new JsonObject { { "error", e.Message } }, Pretty(p));
        }
        catch (FormatException e)
        {
            return Json(500, new JsonObject { { "error", e.Message } }, Pretty(p));
        }
        catch (IOException e)
        {
            // A change the tag database could not make durable (full or failing disk): nothing changed.
            return Json(503, new JsonObject { { "error", "not stored: " + e.Message } }, Pretty(p));
        }
    }

    private static bool Pretty(RequestParameters p) => !string.IsNullOrEmpty(p.Get("pretty"));

    private static ApiResponse Json(int status, object? value, bool pretty) =>
        new(status, ApiResponse.Json, PythonJson.Serialize(value, indent: pretty, sortKeys: pretty));
}
