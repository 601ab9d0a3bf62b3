using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web exponentialMovingAverage: the first argument is evaluated again from (from - preview)
/// (preview = max step x points, or the interval's seconds); ema starts as the average of the first
/// window (0 when empty), then ema = c * v + (1 - c) * ema with c = 2 / (window + 1) for each later non-null
/// value (null stays null), every value rounded to 6 decimals. The output starts with the seed value, so
/// it has one point more than the range (graphite-web's quirk); start = fetched start + preview. Name
/// "exponentialMovingAverage(x,5)" or 'exponentialMovingAverage(x,"5min")', pathExpression = the name,
/// tag "exponentialMovingAverage" = str(windowSize).
/// </summary>
public sealed class ExponentialMovingAverage : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "exponentialMovingAverage", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("windowSize", ParamType.IntOrInterval, Required: true, Suggestions: MovingWindowSuggestions.Values),
        ],
        "The exponential moving average of each series over a window of points or a time interval.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        object window = args["windowSize"] ?? throw new QueryException("exponentialMovingAverage: windowSize is required");
        string? interval = window as string;
        long previewSeconds, points = 0;
        double constant;
        if (interval is not null)
        {
            previewSeconds = Math.Abs(TimeOffset.ParseSeconds(interval));
            constant = 2.0 / (previewSeconds + 1);
        }
        else
        {
            points = Convert.ToInt64(window, System.Globalization.CultureInfo.InvariantCulture);
            previewSeconds = seriesList.Max(s => s.Step) * points;
            constant = 2.0 / (points + 1);
        }
        var expression = args.ExpressionOf("seriesList")
            ?? throw new QueryException("exponentialMovingAverage: its first argument cannot be evaluated again");
        return context.EvaluateInRange(expression, context.From - previewSeconds, context.Until).Select(series =>
        {
            long windowPoints = interval is not null ? previewSeconds / series.Step : points;
            string name = interval is not null
                ? $"exponentialMovingAverage({series.Name},\"{interval}\")"
                : $"exponentialMovingAverage({series.Name},{points})";
            var raw = series.Values;
            double ema = Aggregators.Average(raw.AsSpan(0, (int)Math.Clamp(windowPoints, 0, raw.Length)));
            if (double.IsNaN(ema)) ema = 0;
            var values = new List<double> { PythonMath.Round(ema, 6) };
            for (long i = Math.Max(0, windowPoints); i < raw.Length; i++)
            {
                if (double.IsNaN(raw[i])) { values.Add(double.NaN); continue; }
                ema = constant * raw[i] + (1 - constant) * ema;
                values.Add(PythonMath.Round(ema, 6));
            }
            var copy = series.Copy(name, values.ToArray());
            copy.Start = series.Start + previewSeconds;
            copy.PathExpression = name;
            // `safeAvg(window) or 0` is the int 0 when the first window is empty or averages to zero.
            if (values[0] == 0) copy.IntegerValues = [true];
            copy.Tags["exponentialMovingAverage"] = interval ?? TagValue.Of(points);
            return copy;
        }).ToList();
    }
}
