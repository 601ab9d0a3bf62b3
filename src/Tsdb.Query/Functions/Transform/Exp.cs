using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web exp: e^v (null stays null). Name "exp(x)", pathExpression = the new name, tag "exp" = "e".</summary>
public sealed class Exp : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "exp", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Raises e to the power of each value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"exp({s.Name})", "exp", s => "e", v => Math.Exp(v));
    }
}
