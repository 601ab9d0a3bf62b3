using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>
/// graphite-web divideSeriesLists: the i-th dividend divided by the i-th divisor (lists of unequal length
/// are a 400), both step-normalized; null when either is null or the divisor is 0. Name
/// "divideSeries(&lt;a_i&gt;,&lt;b_i&gt;)", tags parsed from it, xFilesFactor of the request.
/// </summary>
public sealed class DivideSeriesLists : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "divideSeriesLists", "Combine",
        [
            new ParamSpec("dividendSeriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("divisorSeriesList", ParamType.SeriesList, Required: true),
        ],
        "Divides the first series list by the second, pair by pair.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var dividends = args.SeriesList("dividendSeriesList");
        var divisors = args.SeriesList("divisorSeriesList");
        if (dividends.Count != divisors.Count)
            throw new QueryException("dividendSeriesList and divisorSeriesList argument must have equal length");
        var results = new List<TimeSeries>(dividends.Count);
        for (int i = 0; i < dividends.Count; i++)
        {
            string name = $"divideSeries({dividends[i].Name},{divisors[i].Name})";
            var n = StepNormalizer.Normalize([dividends[i], divisors[i]], context.XFilesFactor)!;
            var values = SeriesAggregation.CombineRows(n.Values, row => DivideSeries.SafeDivide(row[0], row[1]));
            results.Add(new TimeSeries(name, n.Start, n.End, n.Step, values, name) { XFilesFactor = context.XFilesFactor });
        }
        return results;
    }
}
