using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web countSeries: after step normalization, the number of input series at every index (an
/// int, nulls included). Name "countSeries(&lt;pathExpressions&gt;)", tags {"name": that}. Without
/// arguments: constantLine(0) (name "0", int values) with pathExpression "countSeries()"; arguments
/// that match nothing give nothing.
/// </summary>
public sealed class CountSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "countSeries", "Combine",
        [new ParamSpec("seriesLists", ParamType.SeriesList, Multiple: true)],
        "The number of series at each point.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        if (args.Multiple("seriesLists").Count == 0 && args["seriesLists"] is not List<TimeSeries>)
        {
            long step = (long)((context.Until - context.From) / 2.0);
            return [new TimeSeries("0", context.From, context.Until, step, [0, 0, 0], "countSeries()", new Tags { ["name"] = "0" })
            {
                IntegerValues = [true, true, true],
                XFilesFactor = context.XFilesFactor,
            }];
        }

        var seriesList = args.SeriesLists("seriesLists");
        var normalized = StepNormalizer.Normalize(seriesList, context.XFilesFactor);
        if (normalized is null) return [];
        string name = $"countSeries({SeriesAggregation.FormatPathExpressions(seriesList)})";
        var values = SeriesAggregation.CombineRows(normalized.Values, row => row.Length);
        return [new TimeSeries(name, normalized.Start, normalized.End, normalized.Step, values, name, new Tags { ["name"] = name })
        {
            IntegerValues = Enumerable.Repeat(true, values.Length).ToArray(),
            XFilesFactor = context.XFilesFactor,
        }];
    }
}
