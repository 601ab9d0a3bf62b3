using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web divideSeries: each dividend divided by the single divisor series after step
/// normalization of the pair; null where either is null or the divisor is 0. Name
/// "divideSeries(x,d)", tags {"name": that}. No divisor: every dividend renamed
/// "divideSeries(x,MISSING)" with all values null (tags kept). More than one divisor is a 400.
/// </summary>
public sealed class DivideSeries : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "divideSeries", "Combine",
        [
            new ParamSpec("dividendSeriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("divisorSeries", ParamType.SeriesList, Required: true),
        ],
        "Divides each series by a single divisor series, point by point.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var dividends = args.SeriesList("dividendSeriesList");
        var divisors = args.SeriesList("divisorSeries");
        if (divisors.Count == 0)
        {
            return dividends.Select(s =>
            {
                string name = $"divideSeries({s.Name},MISSING)";
                var copy = s.Copy(name, Enumerable.Repeat(double.NaN, s.Values.Length).ToArray());
                copy.PathExpression = name;
                return copy;
            }).ToList();
        }
        if (divisors.Count > 1)
            throw new QueryException($"divideSeries second argument must reference exactly 1 series (got {divisors.Count})");

        var divisor = divisors[0];
        return dividends.Select(s => Divide(context, s, divisor)).ToList();
    }

    /// <summary>The quotient series of one normalized pair, with tag "name" = its name.</summary>
    public static TimeSeries Divide(EvaluationContext context, TimeSeries dividend, TimeSeries divisor)
    {
        string name = $"divideSeries({dividend.Name},{divisor.Name})";
        var n = StepNormalizer.Normalize([dividend, divisor], context.XFilesFactor)!;
        var values = SeriesAggregation.CombineRows(n.Values, row => SafeDivide(row[0], row[1]));
        return new TimeSeries(name, n.Start, n.End, n.Step, values, name, new Tags { ["name"] = name })
        {
            XFilesFactor = context.XFilesFactor,
        };
    }

    /// <summary>graphite-web safeDiv: null when a is null or b is null or 0.</summary>
    public static double SafeDivide(double a, double b)
        => double.IsNaN(a) || double.IsNaN(b) || b == 0 ? double.NaN : a / b;
}
