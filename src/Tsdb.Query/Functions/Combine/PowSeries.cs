using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web powSeries: per index, the first series' value raised to the second's, the result to the
/// third's, ... (safePow: null in, null out; domain errors and overflow give null). Step-normalized; name
/// "powSeries(&lt;names&gt;)" from the series names (not pathExpressions). safePow is math.pow, a float; only a
/// lone series, whose values pass through unpowed, keeps its Python ints.
/// </summary>
public sealed class PowSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "powSeries", "Combine",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true, Multiple: true)],
        "Raises the first series to the power of the second, that to the third, and so on, point by point.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesLists("seriesList");
        var normalized = StepNormalizer.Normalize(seriesList, context.XFilesFactor);
        if (normalized is null) return [];
        string name = $"powSeries({string.Join(",", seriesList.Select(s => s.Name))})";
        var values = SeriesAggregation.CombineRows(normalized.Values, row =>
        {
            double acc = row[0];
            for (int i = 1; i < row.Length; i++) acc = ValueTransform.SafePow(acc, row[i]);
            return acc;
        });
        return [new TimeSeries(name, normalized.Start, normalized.End, normalized.Step, values, name)
        {
            XFilesFactor = context.XFilesFactor,
            IntegerValues = seriesList.Count == 1 ? seriesList[0].IntegerValues : null,
        }];
    }
}
