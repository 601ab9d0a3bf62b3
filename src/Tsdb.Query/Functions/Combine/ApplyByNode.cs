using Tsdb.Query.Evaluation;
using Tsdb.Query.Expressions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web applyByNode: for each distinct prefix (the first nodeNum + 1 nodes of a name, sorted),
/// templateFunction with every '%' replaced by the prefix is evaluated over the request range; its
/// series are renamed by newName (again '%' -> prefix) when given, get pathExpression = the prefix and
/// the start/end of the last input series (graphite-web's loop variable).
/// </summary>
public sealed class ApplyByNode : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "applyByNode", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("nodeNum", ParamType.Node, Required: true),
            new ParamSpec("templateFunction", ParamType.String, Required: true),
            new ParamSpec("newName", ParamType.String),
        ],
        "Evaluates a template target once per distinct path prefix, with % replaced by the prefix.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long nodeNum = args.Long("nodeNum") ?? throw new QueryException("applyByNode: nodeNum is required");
        string template = args.String("templateFunction") ?? throw new QueryException("applyByNode: templateFunction is required");
        string? newName = args.String("newName");
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var series in seriesList)
        {
            var nodes = series.Name.Split('.');
            long take = nodeNum + 1 < 0 ? nodes.Length + nodeNum + 1 : nodeNum + 1;
            prefixes.Add(string.Join(".", nodes[..(int)Math.Clamp(take, 0, nodes.Length)]));
        }
        var last = seriesList[^1];
        var results = new List<TimeSeries>();
        foreach (var prefix in prefixes)
        {
            foreach (var result in context.EvaluateTarget(template.Replace("%", prefix), context.From, context.Until))
            {
                var copy = result.Copy(name: string.IsNullOrEmpty(newName) ? null : newName.Replace("%", prefix));
                copy.PathExpression = prefix;
                copy.Start = last.Start;
                copy.End = last.End;
                results.Add(copy);
            }
        }
        return results;
    }
}
