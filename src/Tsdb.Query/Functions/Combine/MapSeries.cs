using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web mapSeries ("map", "mapSeries"): groups the series by their node/tag key, groups in
/// first-seen order. graphite-web returns a list of lists, usable only as reduceSeries' input (at top
/// level it fails with a 500). Render functions here return one flat list, so the groups are returned
/// one after the other; reduceSeries regroups by name prefix and gets the same result, and at top level
/// the grouped series are drawn instead of failing.
/// </summary>
public sealed class MapSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "mapSeries", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("mapNodes", ParamType.NodeOrTag, Required: true, Multiple: true),
        ],
        "Groups the series by the given path nodes (or tags), as input for reduceSeries.",
        Aliases: ["map"]);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var nodes = args.Multiple("mapNodes");
        // GroupBy keeps the groups in first-seen order and each group's series in input order.
        return args.SeriesList("seriesList")
            .GroupBy(series => NodeKeys.AggKey(series, nodes), StringComparer.Ordinal)
            .SelectMany(group => group).ToList();
    }
}
