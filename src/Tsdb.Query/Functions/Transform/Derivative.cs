using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web derivative: value minus the previous value, null when either is null (the first point
/// is always null). Name "derivative(x)", pathExpression = the new name (TimeSeries.copy), tag
/// "derivative" = "1".
/// </summary>
public sealed class Derivative : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "derivative", "Transform",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "The difference between each value and the one before it.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => ValueTransform.Compute(args.SeriesList("seriesList"), "derivative", tagged: true, s =>
        {
            var values = new double[s.Values.Length];
            double prev = double.NaN;
            for (int i = 0; i < values.Length; i++)
            {
                double v = s.Values[i];
                values[i] = v - prev;
                prev = v;
            }
            return values;
        }, differences: true);
}
