using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web holtWintersAberration: per input series, how far each value lies above the upper or below
/// the lower confidence band (0 inside the bands and for nulls). Name "holtWintersAberration(x)" (also the
/// pathExpression), tags of the input + holtWintersAberration = "1". A series without bands is a 400
/// (graphite-web: KeyError, a 500).
/// </summary>
public sealed class HoltWintersAberration : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "holtWintersAberration", "Calculate", HoltWinters.Params(withDelta: true),
        "The amount by which each value lies outside the Holt-Winters confidence bands.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var bands = new Dictionary<string, TimeSeries>(StringComparer.Ordinal);
        foreach (var band in HoltWinters.ConfidenceBands(context, args)) bands[band.Name] = band;
        return args.SeriesList("seriesList").Select(series =>
        {
            if (!bands.TryGetValue($"holtWintersConfidenceLower({series.Name})", out var lower)
                || !bands.TryGetValue($"holtWintersConfidenceUpper({series.Name})", out var upper))
                throw new QueryException($"holtWintersAberration: no confidence bands for {series.Name}");
            double At(TimeSeries band, int i) => i < band.Values.Length ? band.Values[i] : double.NaN;
            var values = new double[series.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                double v = series.Values[i], up = At(upper, i), low = At(lower, i);
                values[i] = double.IsNaN(v) ? 0 : !double.IsNaN(up) && v > up ? v - up : !double.IsNaN(low) && v < low ? v - low : 0;
            }
            string name = $"holtWintersAberration({series.Name})";
            var tags = series.Tags.Clone();
            tags["holtWintersAberration"] = "1";
            return new TimeSeries(name, series.Start, series.End, series.Step, values, name, tags) { XFilesFactor = series.XFilesFactor };
        }).ToList();
    }
}
