using System.Numerics;
using System.Text.Json;
using Tsdb.Core;
using Tsdb.Core.Tags;
using Tsdb.Protocols.Pickle;
using Tsdb.Query.Cluster;

namespace Tsdb.Cluster;

/// <summary>
/// Decoders for members' answers, as graphite-web's RemoteFinder and RemoteReader read them. Pickles go
/// through <see cref="RestrictedUnpickler"/>: plain containers only (what TsdbServer writes, and what
/// graphite-web's render pickle holds); anything else throws and the member counts as failed, except
/// find, which the caller retries as JSON. Shape errors throw <see cref="PeerAnswerException"/>.
/// </summary>
internal static class PeerResponses
{
    /// <summary>find (format=pickle): [{"path"|"metric_path", "is_leaf"|"isLeaf", ...}] (1.x and 0.9 keys).</summary>
    public static List<MetricNode> FindPickle(byte[] body)
    {
        var nodes = new List<MetricNode>();
        foreach (var item in AsList(RestrictedUnpickler.Load(body)))
        {
            var info = AsDict(item);
            string path = Get(info, "path") as string ?? Get(info, "metric_path") as string
                          ?? throw new PeerAnswerException("find entry without a path");
            nodes.Add(new MetricNode(path, Truthy(Get(info, "is_leaf") ?? Get(info, "isLeaf"))));
        }
        return nodes;
    }

    /// <summary>find (format=json): [{"path": p, "is_leaf": bool, ...}].</summary>
    public static List<MetricNode> FindJson(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.EnumerateArray()
            .Select(e => new MetricNode(e.GetProperty("path").GetString()!, e.GetProperty("is_leaf").GetBoolean()))
            .ToList();
    }

    /// <summary>
    /// render (format=pickle): [{"name", "start", "end", "step", "values", "pathExpression"}]; a missing
    /// pathExpression falls back to the name, as graphite-web's RemoteReader does. None becomes NaN.
    /// </summary>
    public static List<PeerSeries> Render(byte[] body)
    {
        var series = new List<PeerSeries>();
        foreach (var item in AsList(RestrictedUnpickler.Load(body)))
        {
            var info = AsDict(item);
            string name = Get(info, "name") as string ?? throw new PeerAnswerException("render series without a name");
            string pathExpression = Get(info, "pathExpression") as string ?? name;
            var values = AsList(Get(info, "values")).Select(ToDouble).ToArray();
            series.Add(new PeerSeries(pathExpression, name, ToLong(Get(info, "start")), ToLong(Get(info, "end")),
                ToLong(Get(info, "step")), values));
        }
        return series;
    }

    /// <summary>/metrics/index.json: a JSON list of paths.</summary>
    public static List<string> Index(byte[] body) => JsonSerializer.Deserialize<List<string>>(body) ?? [];

    /// <summary>tags/findSeries and tags/autoComplete/*: a JSON list of strings.</summary>
    public static List<string> Strings(byte[] body) =>
        JsonSerializer.Deserialize<List<string>>(body) ?? throw new PeerAnswerException("expected a list of strings");

    /// <summary>/tags: [{"id": n, "tag": t}].</summary>
    public static List<TagInfo> TagList(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new PeerAnswerException("expected a list of tags");
        return doc.RootElement.EnumerateArray()
            .Select(e => new TagInfo(e.GetProperty("id").GetInt32(), e.GetProperty("tag").GetString()
                                                                    ?? throw new PeerAnswerException("a tag without a name")))
            .ToList();
    }

    private static List<object?> AsList(object? value) => value switch
    {
        List<object?> list => list,
        object?[] tuple => [.. tuple],
        _ => throw new PeerAnswerException("expected a list"),
    };

    private static PickleDict AsDict(object? value) => value as PickleDict ?? throw new PeerAnswerException("expected a dict");

    private static object? Get(PickleDict dict, string key) =>
        dict.Items.FirstOrDefault(kv => kv.Key is string k && k == key).Value;

    private static bool Truthy(object? value) => value switch
    {
        bool b => b,
        long l => l != 0,
        null => false,
        _ => throw new PeerAnswerException("is_leaf is not a boolean"),
    };

    private static double ToDouble(object? value) => value switch
    {
        null => double.NaN,
        double d => d,
        long l => l,
        BigInteger b => (double)b,
        bool b => b ? 1 : 0,
        _ => throw new PeerAnswerException("a value is not a number"),
    };

    private static long ToLong(object? value) => value switch
    {
        long l => l,
        double d when d == Math.Floor(d) => (long)d,
        _ => throw new PeerAnswerException("start, end and step must be integers"),
    };
}
