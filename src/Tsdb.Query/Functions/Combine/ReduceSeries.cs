using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web reduceSeries ("reduce", "reduceSeries"): each series whose node reduceNode is one of
/// reduceMatchers joins the group "&lt;nodes before reduceNode&gt;.reduce.&lt;reduceFunction&gt;" (groups in
/// first-seen order) at its matcher's position; each group is then passed to reduceFunction with one
/// single-series list per matcher, in matcher order (reduceSeries(mapSeries(s.*.disk.*,1), "asPercent", 3,
/// "used", "total") = asPercent(used, total) per server), and the first result is renamed to the group
/// name. A group missing a matcher fails (graphite-web: a 500); here a 400 naming the matcher.
/// </summary>
public sealed class ReduceSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "reduceSeries", "Combine",
        [
            new ParamSpec("seriesLists", ParamType.SeriesLists, Required: true),
            new ParamSpec("reduceFunction", ParamType.String, Required: true),
            new ParamSpec("reduceNode", ParamType.Node, Required: true),
            new ParamSpec("reduceMatchers", ParamType.String, Required: true, Multiple: true),
        ],
        "Combines each group of mapSeries with a function that takes the matched series as separate arguments.",
        Aliases: ["reduce"]);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string function = args.String("reduceFunction") ?? throw new QueryException("reduceSeries: reduceFunction is required");
        long reduceNode = args.Long("reduceNode") ?? throw new QueryException("reduceSeries: reduceNode is required");
        var matchers = args.Multiple("reduceMatchers").Select(m => TagValue.Of(m)).ToList();
        var groups = new Dictionary<string, TimeSeries?[]>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var series in Flatten(args["seriesLists"]))
        {
            var nodes = series.Name.Split('.');
            long at = reduceNode < 0 ? nodes.Length + reduceNode : reduceNode;
            if (at < 0 || at >= nodes.Length) throw new QueryException("list index out of range");
            int matcher = matchers.IndexOf(nodes[at]);
            if (matcher < 0) continue;
            long prefixEnd = Math.Clamp(reduceNode < 0 ? nodes.Length + reduceNode : reduceNode, 0, nodes.Length);
            string key = string.Join(".", nodes[..(int)prefixEnd]) + ".reduce." + function;
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = new TimeSeries?[matchers.Count];
                keys.Add(key);
            }
            members[matcher] = series;
        }

        var result = new List<TimeSeries>(keys.Count);
        foreach (var key in keys)
        {
            var members = groups[key];
            var positional = new List<object?>(members.Length);
            for (int i = 0; i < members.Length; i++)
                positional.Add(new List<TimeSeries> { members[i] ?? throw new QueryException($"reduceSeries: no series matched '{matchers[i]}' for {key}") });
            var reduced = PositionalCall.Invoke(context, function, positional);
            if (reduced.Count == 0) throw new QueryException($"reduceSeries: {function} returned no series for {key}");
            result.Add(reduced[0].Copy(name: key));
        }
        return result;
    }

    /// <summary>A series list, or (as graphite-web's nested lists) a list of series lists, in order.</summary>
    private static IEnumerable<TimeSeries> Flatten(object? value) => value switch
    {
        List<TimeSeries> list => list,
        List<List<TimeSeries>> lists => lists.SelectMany(l => l),
        _ => [],
    };
}
