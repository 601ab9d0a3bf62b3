using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Transform;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web linearRegression: a least-squares line through the non-null points of the first argument
/// evaluated again over [startSourceAt, endSourceAt] (each defaulting to the request's from/until; times
/// parsed against the request's now, not the wall clock), drawn over each original series' points. Series
/// are paired by position with the re-evaluated ones; a source with fewer than two distinct points gives
/// nothing. Name "linearRegression(x, start, end)" (also the pathExpression), tag "linearRegressions" =
/// "start, end".
/// </summary>
public sealed class LinearRegression : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "linearRegression", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("startSourceAt", ParamType.Date),
            new ParamSpec("endSourceAt", ParamType.Date),
        ],
        "The linear regression line of each series, fitted over an optional source time range.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long from = args["startSourceAt"] is { } s ? TimeSlice.Parse(context, s) : context.From;
        long until = args["endSourceAt"] is { } e ? TimeSlice.Parse(context, e) : context.Until;
        var expression = args.ExpressionOf("seriesList")
            ?? throw new QueryException("linearRegression: its first argument cannot be evaluated again");
        var sources = context.EvaluateInRange(expression, from, until);
        var seriesList = args.SeriesList("seriesList");
        var results = new List<TimeSeries>();
        for (int k = 0; k < Math.Min(sources.Count, seriesList.Count); k++)
        {
            var series = seriesList[k];
            if (Fit(sources[k]) is not var (factor, offset)) continue;
            string name = $"linearRegression({series.Name}, {from}, {until})";
            var values = new double[series.Values.Length];
            for (int i = 0; i < values.Length; i++) values[i] = offset + (series.Start + i * series.Step) * factor;
            var tags = series.Tags.Clone();
            tags["linearRegressions"] = $"{from}, {until}";
            results.Add(new TimeSeries(name, series.Start, series.End, series.Step, values, name, tags) { XFilesFactor = series.XFilesFactor });
        }
        return results;
    }

    /// <summary>graphite-web _linearRegressionAnalysis: (slope per second, value at epoch 0), null when degenerate.</summary>
    private static (double Factor, double Offset)? Fit(TimeSeries source)
    {
        double n = 0, sumI = 0, sumV = 0, sumII = 0, sumIV = 0;
        for (int i = 0; i < source.Values.Length; i++)
        {
            double v = source.Values[i];
            if (double.IsNaN(v)) continue;
            n++; sumI += i; sumV += v; sumII += (double)i * i; sumIV += i * v;
        }
        double denominator = n * sumII - sumI * sumI;
        if (denominator == 0) return null;
        double factor = (n * sumIV - sumI * sumV) / denominator / source.Step;
        double offset = (sumII * sumV - sumIV * sumI) / denominator - factor * source.Start;
        return (factor, offset);
    }
}
