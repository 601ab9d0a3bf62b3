using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web aggregateWithWildcards: series grouped by their name with the listed node positions
/// removed (negative positions never match), groups in first-seen order, each aggregated with func and
/// renamed to the group key; pathExpression and tags stay the aggregate's. Shared by the
/// sum/average/multiplySeriesWithWildcards variants.
/// </summary>
public sealed class AggregateWithWildcards : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aggregateWithWildcards", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Required: true),
            new ParamSpec("position", ParamType.Node, Multiple: true),
        ],
        "Aggregates the series that are equal once the given path positions are ignored.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => Group(context, args.SeriesList("seriesList"),
            args.String("func") ?? throw new QueryException("aggregateWithWildcards: func is required"),
            args.Multiple("position"));

    public static List<TimeSeries> Group(EvaluationContext context, List<TimeSeries> seriesList, string func, IReadOnlyList<object?> positions)
    {
        var drop = positions.Select(p => Convert.ToInt64(p, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        // GroupBy keeps the groups in first-seen order and each group's series in input order.
        var groups = seriesList.GroupBy(
            series => string.Join(".", series.Name.Split('.').Where((_, i) => !drop.Contains(i))), StringComparer.Ordinal);
        var result = new List<TimeSeries>();
        foreach (var group in groups)
        {
            var aggregated = SeriesAggregation.Aggregate(context, group.ToList(), func)[0];
            aggregated.Name = group.Key;
            result.Add(aggregated);
        }
        return result;
    }
}
