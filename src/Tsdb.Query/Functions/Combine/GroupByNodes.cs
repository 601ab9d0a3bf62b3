using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web groupByNodes: series grouped by their node/tag key (first-seen order), each group
/// combined by callback (a series function such as sumSeries/sum/avg called on the group, first result
/// used, or an aggregate() function) and renamed to the key. Tags and pathExpression stay those of the
/// combined series ({"name": "sumSeries(srv.*.*)", "aggregatedBy": "sum"}).
/// </summary>
public sealed class GroupByNodes : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "groupByNodes", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("callback", ParamType.AggOrSeriesFunc, Required: true),
            new ParamSpec("nodes", ParamType.NodeOrTag, Multiple: true),
        ],
        "Groups series by several path nodes (or tags) joined by dots and combines each group with a series or aggregation function.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => Group(context, args.SeriesList("seriesList"),
            args.String("callback") ?? throw new QueryException("groupByNodes: callback is required"),
            args.Multiple("nodes"));

    public static List<TimeSeries> Group(EvaluationContext context, List<TimeSeries> seriesList, string callback,
        IReadOnlyList<object?> nodes)
        => SeriesFunctionCallback.CombineGroups(context, callback,
            seriesList.GroupBy(series => NodeKeys.AggKey(series, nodes), StringComparer.Ordinal));
}
