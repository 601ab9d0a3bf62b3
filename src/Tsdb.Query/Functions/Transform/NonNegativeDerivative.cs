using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web nonNegativeDerivative: counter deltas that never go negative (see
/// <see cref="PythonMath.NonNegativeDelta"/> for the wrap rules with maxValue/minValue). Name
/// "nonNegativeDerivative(x)" (limits never shown), pathExpression = the new name, tag
/// "nonNegativeDerivative" = "1".
/// </summary>
public sealed class NonNegativeDerivative : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "nonNegativeDerivative", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("maxValue", ParamType.Float),
            new ParamSpec("minValue", ParamType.Float),
        ],
        "Counter deltas between consecutive values; a decrease is null unless maxValue/minValue describe the counter's wrap.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double? maxValue = args.Double("maxValue");
        double? minValue = args.Double("minValue");
        return args.SeriesList("seriesList").Select(s =>
        {
            var values = new double[s.Values.Length];
            double prev = double.NaN;
            for (int i = 0; i < values.Length; i++)
                (values[i], prev) = PythonMath.NonNegativeDelta(s.Values[i], prev, maxValue, minValue);
            string name = $"nonNegativeDerivative({s.Name})";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.Tags["nonNegativeDerivative"] = "1";
            return copy;
        }).ToList();
    }
}
