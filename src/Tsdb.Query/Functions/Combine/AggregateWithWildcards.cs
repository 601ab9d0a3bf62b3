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
        var groups = new Dictionary<string, List<TimeSeries>>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var series in seriesList)
        {
            string key = string.Join(".", series.Name.Split('.').Where((_, i) => !drop.Contains(i)));
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                keys.Add(key);
            }
            members.Add(series);
        }
        var result = new List<TimeSeries>(keys.Count);
        foreach (var key in keys)
        {
            var aggregated = SeriesAggregation.Aggregate(context, groups[key], func)[0];
            aggregated.Name = key;
            result.Add(aggregated);
        }
        return result;
    }
}
