using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web percentileOfSeries: per index, the nth percentile (<see cref="Percentile"/>, optionally
/// interpolated) of the values across the step-normalized series. Name
/// "percentileOfSeries(&lt;first series' pathExpression&gt;,%g)"; n &lt;= 0 is a 400.
/// </summary>
public sealed class PercentileOfSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "percentileOfSeries", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
            new ParamSpec("interpolate", ParamType.Boolean, Default: false),
        ],
        "The n-th percentile of the values of all series at each point in time.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double n = args.Double("n") ?? throw new QueryException("percentileOfSeries: n is required");
        if (n <= 0) throw new QueryException("The requested percent is required to be greater than 0");
        bool interpolate = args.Bool("interpolate");
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        string name = $"percentileOfSeries({seriesList[0].PathExpression},{PythonFormat.G(n)})";
        var normalized = StepNormalizer.Normalize(seriesList, context.XFilesFactor)!;
        var values = SeriesAggregation.CombineRows(normalized.Values, row => Percentile.Of(row, n, interpolate));
        var result = new TimeSeries(name, normalized.Start, normalized.End, normalized.Step, values, name) { XFilesFactor = context.XFilesFactor };
        // Without interpolation the percentile is one of the row's values: an int when they all are.
        if (!interpolate && seriesList.All(s => s.Step == normalized.Step) && seriesList.Any(s => s.IntegerValues is not null))
            result.IntegerValues = Enumerable.Range(0, values.Length)
                .Select(i => !double.IsNaN(values[i]) && IntegerMarks.KnownIntsAt(seriesList, i) > 0).ToArray();
        return [result];
    }
}
