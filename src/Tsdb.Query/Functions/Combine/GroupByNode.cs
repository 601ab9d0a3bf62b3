using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web groupByNode: groupByNodes with a single node; see <see cref="GroupByNodes"/>.
/// </summary>
public sealed class GroupByNode : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "groupByNode", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("nodeNum", ParamType.NodeOrTag, Required: true),
            new ParamSpec("callback", ParamType.AggOrSeriesFunc, Default: "average"),
        ],
        "Groups series by one path node (or tag) and combines each group with a series or aggregation function.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => GroupByNodes.Group(context, args.SeriesList("seriesList"), args.String("callback") ?? "average",
            [args["nodeNum"]]);
}
