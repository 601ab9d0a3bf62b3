using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web weightedAverage: series of both lists are paired by their node/tag key (a later series
/// with the same key replaces an earlier one); per pair the product avg * weight (null if either is null),
/// then sum(products) / sum(all weights) per index (null on a null or 0 divisor). Name
/// "weightedAverage(&lt;sorted distinct avg pathExpressions&gt;, &lt;same for weights&gt;, &lt;nodes&gt;)".
/// Lists of different lengths are a 400.
/// </summary>
public sealed class WeightedAverage : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "weightedAverage", "Combine",
        [
            new ParamSpec("seriesListAvg", ParamType.SeriesList, Required: true),
            new ParamSpec("seriesListWeight", ParamType.SeriesList, Required: true),
            new ParamSpec("nodes", ParamType.NodeOrTag, Multiple: true),
        ],
        "The average of one series list weighted by another, pairing the series by the given nodes.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var avgs = args.SeriesList("seriesListAvg");
        var weights = args.SeriesList("seriesListWeight");
        var nodes = args.Multiple("nodes");
        if (avgs.Count != weights.Count)
            throw new QueryException("weightedAverage must receive the same number of series for seriesListAvg and " +
                                     $"seriesListWeight but received respectively {avgs.Count} and {weights.Count}");
        var keys = new List<string>();
        var pairs = new Dictionary<string, (TimeSeries? Avg, TimeSeries? Weight)>(StringComparer.Ordinal);
        void Put(string key, TimeSeries? avg, TimeSeries? weight)
        {
            if (!pairs.TryGetValue(key, out var pair)) keys.Add(key);
            pairs[key] = (avg ?? pair.Avg, weight ?? pair.Weight);
        }
        for (int i = 0; i < avgs.Count; i++)
        {
            Put(NodeKeys.AggKey(avgs[i], nodes), avgs[i], null);
            Put(NodeKeys.AggKey(weights[i], nodes), null, weights[i]);
        }

        var products = new List<TimeSeries>();
        foreach (var key in keys)
        {
            var (avg, weight) = pairs[key];
            if (avg is null || weight is null) continue;
            var values = SeriesAggregation.CombineRows([avg.Values, weight.Values],
                row => double.IsNaN(row[0]) || double.IsNaN(row[1]) ? double.NaN : row[0] * row[1]);
            string productName = $"product({weight.Name},{avg.Name})";
            products.Add(new TimeSeries(productName, avg.Start, avg.End, avg.Step, values, productName) { XFilesFactor = context.XFilesFactor });
        }
        if (products.Count == 0) return [];
        var sumProducts = SeriesAggregation.Aggregate(context, products, "sum")[0];
        var sumWeights = SeriesAggregation.Aggregate(context, weights, "sum")[0];
        var result = SeriesAggregation.CombineRows([sumProducts.Values, sumWeights.Values],
            row => double.IsNaN(row[0]) || double.IsNaN(row[1]) || row[1] == 0 ? double.NaN : row[0] / row[1]);
        string Sorted(IEnumerable<TimeSeries> l) => string.Join(",", l.Select(s => s.PathExpression).Distinct().Order(StringComparer.Ordinal));
        string name = $"weightedAverage({Sorted(avgs)}, {Sorted(weights)}, {string.Join(",", nodes.Select(TagValue.Of))})";
        return [new TimeSeries(name, sumProducts.Start, sumProducts.End, sumProducts.Step, result, name) { XFilesFactor = context.XFilesFactor }];
    }
}
