using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>graphite-web aliasByTags: the same as aliasByNode — tag names and node indexes joined by '.'.</summary>
public sealed class AliasByTags : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aliasByTags", "Alias",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("tags", ParamType.NodeOrTag, Required: true, Multiple: true),
        ],
        "Renames each series to the values of the given tags (or path nodes), joined by dots.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var tags = args.Multiple("tags");
        return args.SeriesList("seriesList").Select(s => s.Copy(name: NodeKeys.AggKey(s, tags))).ToList();
    }
}
