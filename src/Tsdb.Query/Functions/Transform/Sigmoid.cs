using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web sigmoid: 1 / (1 + e^-v) (null stays null). Name "sigmoid(x)", pathExpression = the new name, tag "sigmoid" = "sigmoid".</summary>
public sealed class Sigmoid : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sigmoid", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Applies the sigmoid function 1 / (1 + e^-v) to each value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"sigmoid({s.Name})", "sigmoid", s => "sigmoid", v => 1 / (1 + Math.Exp(-v)));
    }
}
