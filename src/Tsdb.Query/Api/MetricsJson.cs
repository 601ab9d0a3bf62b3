using Tsdb.Core;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Api;

/// <summary>The JSON shapes of /metrics/find (graphite-web metrics/views.py tree_json, json_nodes, ...).</summary>
public static class MetricsJson
{
    /// <summary>
    /// tree_json: branches first, then leaves, each node name once (first wins, so a name that is both
    /// branch and leaf shows as a branch); ids = the query's base + name; flags are integers. With
    /// wildcards and more than one match a leading "*" entry, branch-typed if any match is a branch.
    /// </summary>
    public static List<object?> TreeJson(IReadOnlyList<MetricNode> nodes, string basePath, bool wildcards)
    {
        var results = new List<object?>();
        if (nodes.Count > 1 && wildcards)
            results.Add(Entry("*", basePath + "*", nodes.Any(n => !n.IsLeaf)));
        var found = new HashSet<string>(StringComparer.Ordinal);
        var branches = new List<object?>();
        var leaves = new List<object?>();
        foreach (var node in nodes)
        {
            string name = MetricsService.NodeName(node.Path);
            if (!found.Add(name)) continue;
            (node.IsLeaf ? leaves : branches).Add(Entry(UnquotePlus(name), basePath + name, !node.IsLeaf));
        }
        results.AddRange(branches);
        results.AddRange(leaves);
        return results;
    }

    private static JsonObject Entry(string text, string id, bool branch) => new()
    {
        { "text", text },
        { "id", id },
        { "allowChildren", branch ? 1 : 0 },
        { "expandable", branch ? 1 : 0 },
        { "leaf", branch ? 0 : 1 },
    };

    /// <summary>format=completer: {"metrics": [{"path", "name", "is_leaf": "0"|"1"}]}; branch paths end in '.'.</summary>
    public static JsonObject Completer(IReadOnlyList<MetricNode> nodes, bool wildcards)
    {
        var metrics = new List<object?>();
        foreach (var node in nodes)
            metrics.Add(new JsonObject
            {
                { "path", node.IsLeaf ? node.Path : node.Path + "." },
                { "name", MetricsService.NodeName(node.Path) },
                { "is_leaf", node.IsLeaf ? "1" : "0" },
            });
        if (metrics.Count > 1 && wildcards) metrics.Add(new JsonObject { { "name", "*" } });
        return new JsonObject { { "metrics", metrics } };
    }

    /// <summary>format=nodelist: sorted unique path nodes at a position (Python indexing, negative from the end).</summary>
    public static JsonObject NodeList(IReadOnlyList<MetricNode> nodes, long position)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var parts = node.Path.Split('.');
            long i = position < 0 ? parts.Length + position : position;
            if (i < 0 || i >= parts.Length) throw new IndexOutOfRangeException("list index out of range");
            found.Add(parts[i]);
        }
        return new JsonObject { { "nodes", found.ToList() } };
    }

    /// <summary>format=json: [{"path", "is_leaf": bool, "intervals" (leaves only)}] sorted by path.</summary>
    public static List<object?> Nodes(IReadOnlyList<MetricNode> nodes, long intervalStart, long intervalEnd) =>
        nodes.OrderBy(n => n.Path, StringComparer.Ordinal).Select(n =>
        {
            var info = new JsonObject { { "path", n.Path }, { "is_leaf", n.IsLeaf } };
            if (n.IsLeaf)
                info.Add("intervals", new List<object?> { new JsonObject { { "start", (double)intervalStart }, { "end", (double)intervalEnd } } });
            return (object?)info;
        }).ToList();

    /// <summary>urllib unquote_plus: '+' is a space, %XX escapes decoded as UTF-8.</summary>
    private static string UnquotePlus(string s)
    {
        s = s.Replace('+', ' ');
        return s.Contains('%') ? Uri.UnescapeDataString(s) : s;
    }

    /// <summary>
    /// format=pickle (pickle_nodes): [{"path", "is_leaf", "intervals": [(start, end)] for leaves}] in match
    /// order. graphite-web pickles IntervalSet objects; plain (start, end) tuples are what its RemoteFinder
    /// also accepts, and need no global to unpickle.
    /// </summary>
    public static List<object?> PickleNodes(IReadOnlyList<MetricNode> nodes, long intervalStart, long intervalEnd) =>
        nodes.Select(n =>
        {
            var info = new List<KeyValuePair<string, object?>> { new("path", n.Path), new("is_leaf", n.IsLeaf) };
            if (n.IsLeaf)
                info.Add(new("intervals", new List<object?> { new object?[] { (double)intervalStart, (double)intervalEnd } }));
            return (object?)info;
        }).ToList();
}
