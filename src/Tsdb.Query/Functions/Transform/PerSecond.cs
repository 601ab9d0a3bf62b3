using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web perSecond: nonNegativeDerivative's delta divided by the series step, rounded to 6
/// decimals (Python round). Name "perSecond(x)", pathExpression = the new name, tag "perSecond" = "1".
/// </summary>
public sealed class PerSecond : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "perSecond", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("maxValue", ParamType.Float),
            new ParamSpec("minValue", ParamType.Float),
        ],
        "Per-second rate of a counter: the non-negative delta between consecutive values divided by the step.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double? maxValue = args.Double("maxValue");
        double? minValue = args.Double("minValue");
        return args.SeriesList("seriesList").Select(s =>
        {
            var values = new double[s.Values.Length];
            double prev = double.NaN;
            for (int i = 0; i < values.Length; i++)
            {
                (double delta, prev) = PythonMath.NonNegativeDelta(s.Values[i], prev, maxValue, minValue);
                values[i] = PythonMath.Round(delta / s.Step, 6);
            }
            string name = $"perSecond({s.Name})";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.Tags["perSecond"] = "1";
            return copy;
        }).ToList();
    }
}
