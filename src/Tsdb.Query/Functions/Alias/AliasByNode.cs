using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>
/// graphite-web aliasByNode: each series renamed to the given nodes (integers, Python indexing) or tag
/// values joined by '.'; a name ending in ')' is read from its first metric path; an index out of range
/// falls back to a tag of that name, "" when missing. Tags and pathExpression are kept.
/// </summary>
public sealed class AliasByNode : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aliasByNode", "Alias",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("nodes", ParamType.NodeOrTag, Required: true, Multiple: true),
        ],
        "Renames each series to the chosen path nodes (0-based, negative from the end) or tag values, joined by dots.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var nodes = args.Multiple("nodes");
        return args.SeriesList("seriesList").Select(s => s.Copy(name: NodeKeys.AggKey(s, nodes))).ToList();
    }
}
