using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web integral: running sum of the non-null values; null points stay null. Name "integral(x)",
/// pathExpression = the new name (TimeSeries.copy), tag "integral" = "1".
/// </summary>
public sealed class Integral : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "integral", "Transform",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "The running total of the series over time.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => ValueTransform.Compute(args.SeriesList("seriesList"), "integral", tagged: true, s =>
        {
            var values = new double[s.Values.Length];
            double current = 0;
            for (int i = 0; i < values.Length; i++)
            {
                double v = s.Values[i];
                if (double.IsNaN(v)) { values[i] = double.NaN; continue; }
                current += v;
                values[i] = current;
            }
            return values;
        });
}
