using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterSeries;

/// <summary>
/// graphite-web mostDeviant: the n series with the largest variance (sum of squared deviations from the
/// mean / non-null count; graphite calls it sigma but takes no square root), descending, stable.
/// All-null series are dropped.
/// </summary>
public sealed class MostDeviant : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "mostDeviant", "Filter Series",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Integer, Required: true),
        ],
        "Keeps the n series that deviate most from their own mean.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long n = args.Long("n") ?? throw new QueryException("mostDeviant: n is required");
        var deviants = new List<(double Sigma, TimeSeries Series)>();
        foreach (var s in args.SeriesList("seriesList"))
        {
            double mean = Aggregators.Average(s.Values);
            if (double.IsNaN(mean)) continue;
            double squares = 0;
            int count = 0;
            foreach (var v in s.Values)
                if (!double.IsNaN(v)) { squares += (v - mean) * (v - mean); count++; }
            deviants.Add((squares / count, s));
        }
        var sorted = deviants.OrderByDescending(d => d.Sigma).Select(d => d.Series).ToList();
        return PythonSlice.Head(sorted, n);
    }
}
