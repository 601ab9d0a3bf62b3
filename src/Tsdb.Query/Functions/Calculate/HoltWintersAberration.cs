using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web holtWintersAberration: per input series, how far each value lies above the upper or below
/// the lower confidence band (0 inside the bands and for nulls). Name "holtWintersAberration(x)" (also the
/// pathExpression), tags of the input + holtWintersAberration = "1". A series without bands is a 400
/// (graphite-web: KeyError, a 500). Bands and series are matched index by index, as graphite-web does;
/// when the bands are shorter than the series (the bootstrap read a coarser archive, e.g. 1 s data with
/// the default 7d bootstrap) and the series has a value past their end, graphite-web fails with an
/// IndexError (a 500) and this is a 400 saying why.
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
            var values = new double[series.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                double v = series.Values[i];
                if (double.IsNaN(v)) { values[i] = 0; continue; }
                if (i >= upper.Values.Length || i >= lower.Values.Length)
                    throw new QueryException(
                        $"holtWintersAberration: list index out of range: the confidence bands of {series.Name} have " +
                        $"{upper.Values.Length} values at a {upper.Step} s step, the series {series.Values.Length} at {series.Step} s");
                double up = upper.Values[i], low = lower.Values[i];
                values[i] = double.IsNaN(v) ? 0 : !double.IsNaN(up) && v > up ? v - up : !double.IsNaN(low) && v < low ? v - low : 0;
            }
            string name = $"holtWintersAberration({series.Name})";
            var tags = series.Tags.Clone();
            tags["holtWintersAberration"] = "1";
            return new TimeSeries(name, series.Start, series.End, series.Step, values, name, tags) { XFilesFactor = series.XFilesFactor };
        }).ToList();
    }
}
