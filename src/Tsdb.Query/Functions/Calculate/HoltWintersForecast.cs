using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web holtWintersForecast: the <see cref="HoltWinters"/> predictions of each series re-evaluated
/// with bootstrapInterval of history, bootstrap points dropped. Name "holtWintersForecast(x)" (also the
/// pathExpression), tags of the source + holtWintersForecast and holtWintersDeviation = "1".
/// </summary>
public sealed class HoltWintersForecast : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "holtWintersForecast", "Calculate", HoltWinters.Params(withDelta: false),
        "Forecasts each series with Holt-Winters exponential smoothing, bootstrapped from earlier data.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var (previewList, previewSeconds) = HoltWinters.Preview(context, args, args.String("bootstrapInterval") ?? "7d");
        string seasonality = args.String("seasonality") ?? "1d";
        return previewList.Select(series =>
        {
            var (predictions, _) = HoltWinters.Analyze(series, seasonality);
            string name = $"holtWintersForecast({series.Name})";
            var tags = series.Tags.Clone();
            tags["holtWintersForecast"] = "1";
            tags["holtWintersDeviation"] = "1";
            return new TimeSeries(name, series.Start + previewSeconds, series.End, series.Step,
                HoltWinters.DropBootstrap(predictions, previewSeconds / series.Step), name, tags) { XFilesFactor = series.XFilesFactor };
        }).ToList();
    }
}
