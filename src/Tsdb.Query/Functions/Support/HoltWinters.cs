using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web holtWintersAnalysis (render/functions.py): triple exponential smoothing with alpha = gamma
/// = 0.1, beta = 0.0035 and a season of seasonality / step points. Returns the one-step-ahead predictions
/// and the smoothed absolute deviations, index by index with the input (a null input gives the pending
/// prediction and a zero deviation, and breaks the next prediction). The holtWinters* functions evaluate
/// their first argument again from (from - bootstrapInterval) and drop the bootstrap points.
/// </summary>
public static class HoltWinters
{
    private const double Alpha = 0.1, Gamma = 0.1, Beta = 0.0035;

    public static (double[] Predictions, double[] Deviations) Analyze(TimeSeries series, string seasonality)
    {
        long seasonLength = TimeOffset.ParseSeconds(seasonality) / series.Step;
        int n = series.Values.Length;
        var intercepts = new double[n];
        var slopes = new double[n];
        var seasonals = new double[n];
        var predictions = new double[n];
        var deviations = new double[n];
        double Last(double[] values, long i) => i - seasonLength >= 0 && i - seasonLength < n ? values[i - seasonLength] : 0;
        double nextPrediction = double.NaN;
        for (int i = 0; i < n; i++)
        {
            double actual = series.Values[i];
            if (double.IsNaN(actual))
            {
                intercepts[i] = double.NaN;
                predictions[i] = nextPrediction;
                nextPrediction = double.NaN;
                continue;
            }
            double lastIntercept, lastSlope, prediction;
            if (i == 0)
            {
                lastIntercept = actual;
                lastSlope = 0;
                prediction = actual;
            }
            else
            {
                lastIntercept = double.IsNaN(intercepts[i - 1]) ? actual : intercepts[i - 1];
                lastSlope = slopes[i - 1];
                prediction = nextPrediction;
            }
            double lastSeasonal = Last(seasonals, i);
            double nextLastSeasonal = Last(seasonals, i + 1);
            double lastSeasonalDev = Last(deviations, i);
            double intercept = Alpha * (actual - lastSeasonal) + (1 - Alpha) * (lastIntercept + lastSlope);
            double slope = Beta * (intercept - lastIntercept) + (1 - Beta) * lastSlope;
            double seasonal = Gamma * (actual - intercept) + (1 - Gamma) * lastSeasonal;
            nextPrediction = intercept + slope + nextLastSeasonal;
            double deviation = Gamma * Math.Abs(actual - (double.IsNaN(prediction) ? 0 : prediction)) + (1 - Gamma) * lastSeasonalDev;
            intercepts[i] = intercept;
            slopes[i] = slope;
            seasonals[i] = seasonal;
            predictions[i] = prediction;
            deviations[i] = deviation;
        }
        return (predictions, deviations);
    }

    /// <summary>The first argument evaluated again from (from - bootstrapInterval), and the bootstrap length in seconds.</summary>
    public static (List<TimeSeries> Series, long PreviewSeconds) Preview(EvaluationContext context, CallArguments args, string bootstrapInterval)
    {
        long previewSeconds = TimeOffset.ParseSeconds(bootstrapInterval);
        var expression = args.ExpressionOf("seriesList")
            ?? throw new QueryException("holtWinters functions need their first argument as an expression to evaluate again");
        return (context.EvaluateInRange(expression, context.From - previewSeconds, context.Until), previewSeconds);
    }

    /// <summary>values[windowPoints..] (Python slicing: empty when the series is shorter).</summary>
    public static double[] DropBootstrap(double[] values, long windowPoints)
        => windowPoints >= values.Length ? [] : values[(int)Math.Max(0, windowPoints)..];

    /// <summary>
    /// holtWintersConfidenceBands per re-evaluated series: (lower, upper) = forecast -/+ delta * deviation
    /// (null where either is null), named holtWintersConfidenceLower/Upper(x). graphite-web writes every
    /// analysis tag into the source series' one tag dict, so both bands carry holtWintersForecast,
    /// holtWintersDeviation, holtWintersConfidenceUpper and holtWintersConfidenceLower = "1";
    /// pathExpression stays the source's.
    /// </summary>
    public static List<TimeSeries> ConfidenceBands(EvaluationContext context, CallArguments args)
    {
        double delta = args.Double("delta") ?? 3;
        var (previewList, previewSeconds) = Preview(context, args, args.String("bootstrapInterval") ?? "7d");
        string seasonality = args.String("seasonality") ?? "1d";
        var results = new List<TimeSeries>();
        foreach (var series in previewList)
        {
            var (predictions, deviations) = Analyze(series, seasonality);
            long windowPoints = previewSeconds / series.Step;
            var forecast = DropBootstrap(predictions, windowPoints);
            var deviation = DropBootstrap(deviations, windowPoints);
            var upper = new double[forecast.Length];
            var lower = new double[forecast.Length];
            for (int i = 0; i < forecast.Length; i++)
            {
                double f = forecast[i], d = deviation[i];
                upper[i] = double.IsNaN(f) || double.IsNaN(d) ? double.NaN : f + delta * d;
                lower[i] = double.IsNaN(f) || double.IsNaN(d) ? double.NaN : f - delta * d;
            }
            var tags = series.Tags.Clone();
            foreach (var key in new[] { "holtWintersForecast", "holtWintersDeviation", "holtWintersConfidenceUpper", "holtWintersConfidenceLower" })
                tags[key] = "1";
            TimeSeries Band(string kind, double[] values) =>
                new($"holtWintersConfidence{kind}({series.Name})", series.Start + previewSeconds, series.End, series.Step, values,
                    series.PathExpression, tags.Clone()) { XFilesFactor = series.XFilesFactor };
            results.Add(Band("Lower", lower));
            results.Add(Band("Upper", upper));
        }
        return results;
    }

    public static IReadOnlyList<ParamSpec> Params(bool withDelta)
    {
        var ps = new List<ParamSpec> { new("seriesList", ParamType.SeriesList, Required: true) };
        if (withDelta) ps.Add(new ParamSpec("delta", ParamType.Integer, Default: 3L));
        ps.Add(new ParamSpec("bootstrapInterval", ParamType.Interval, Default: "7d", Suggestions: ["7d", "30d"]));
        ps.Add(new ParamSpec("seasonality", ParamType.Interval, Default: "1d", Suggestions: ["1d", "7d"]));
        return ps;
    }
}
