using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web aggregateSeriesLists: the i-th series of the first list aggregated with the i-th of the
/// second (lists of unequal length are a 400); each result is named "&lt;func&gt;Series(&lt;a_i&gt;,&lt;b_i&gt;)"
/// from the two names while pathExpression and tags stay those aggregate() built. Shared by
/// sum/diff/multiplySeriesLists.
/// </summary>
public sealed class AggregateSeriesLists : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "aggregateSeriesLists", "Combine",
        [
            new ParamSpec("seriesListFirstPos", ParamType.SeriesList, Required: true),
            new ParamSpec("seriesListSecondPos", ParamType.SeriesList, Required: true),
            new ParamSpec("func", ParamType.AggFunc, Required: true),
            new ParamSpec("xFilesFactor", ParamType.Float),
        ],
        "Aggregates two series lists pair by pair (first with first, second with second, ...).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => Pairwise(context, args.SeriesList("seriesListFirstPos"), args.SeriesList("seriesListSecondPos"),
            args.String("func") ?? throw new QueryException("aggregateSeriesLists: func is required"), args.Double("xFilesFactor"));

    public static List<TimeSeries> Pairwise(EvaluationContext context, List<TimeSeries> first, List<TimeSeries> second,
        string func, double? xFilesFactor = null)
    {
        if (first.Count != second.Count)
            throw new QueryException("seriesListFirstPos and seriesListSecondPos argument must have equal length");
        var results = new List<TimeSeries>(first.Count);
        for (int i = 0; i < first.Count; i++)
        {
            var aggregated = SeriesAggregation.Aggregate(context, [first[i], second[i]], func, xFilesFactor);
            if (aggregated.Count == 0) continue;
            var result = aggregated[0];
            result.Name = result.Name[..result.Name.IndexOf("Series(", StringComparison.Ordinal)]
                          + $"Series({first[i].Name},{second[i].Name})";
            results.Add(result);
        }
        return results;
    }
}
