using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web changed: int 1 where a value differs from the last non-null value before it, else int 0
/// (leading nulls and nulls are 0; the first non-null only becomes the reference). Name "changed(x)",
/// pathExpression = the new name.
/// </summary>
public sealed class Changed : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "changed", "Special",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "1 where the value changed since the previous non-null value, 0 elsewhere.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var result = ValueTransform.Compute(args.SeriesList("seriesList"), "changed", tagged: false, s =>
        {
            var values = new double[s.Values.Length];
            double previous = double.NaN;
            for (int i = 0; i < values.Length; i++)
            {
                double v = s.Values[i];
                if (double.IsNaN(previous)) { previous = v; values[i] = 0; }
                else if (!double.IsNaN(v) && v != previous) { values[i] = 1; previous = v; }
                else values[i] = 0;
            }
            return values;
        });
        // Python ints: JSON shows 0/1, not 0.0/1.0.
        foreach (var series in result) series.IntegerValues = Enumerable.Repeat(true, series.Values.Length).ToArray();
        return result;
    }
}
