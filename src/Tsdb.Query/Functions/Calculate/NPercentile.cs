using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Calculate;

/// <summary>
/// graphite-web nPercentile: a constant series at the nth percentile (<see cref="Percentile"/>) of each
/// series' non-null values, int((end - start) / step) points; all-null series are dropped; n = 0 is a 400.
/// Name "nPercentile(x, %g)" (also the pathExpression), tag "nPercentile" = str(n).
/// </summary>
public sealed class NPercentile : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "nPercentile", "Calculate",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "A horizontal line at the n-th percentile of each series.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double n = args.Double("n") ?? throw new QueryException("nPercentile: n is required");
        if (n == 0) throw new QueryException("The requested percent is required to be greater than 0");
        var results = new List<TimeSeries>();
        foreach (var s in args.SeriesList("seriesList"))
        {
            double value = Percentile.Of(s.Values, n);
            if (double.IsNaN(value)) continue;
            string name = $"nPercentile({s.Name}, {PythonFormat.G(n)})";
            long count = Math.Max(0, (s.End - s.Start) / s.Step);
            var copy = s.Copy(name, Enumerable.Repeat(value, (int)count).ToArray());
            copy.PathExpression = name;
            // The percentile is one of the series' values: an int when they all are.
            if (s.IntegerValues is { } marks && IntegerMarks.KnownInts(s.Values, marks, 0, s.Values.Length) > 0)
                copy.IntegerValues = Enumerable.Repeat(true, copy.Values.Length).ToArray();
            copy.Tags["nPercentile"] = TagValue.Of(n);
            results.Add(copy);
        }
        return results;
    }
}
