using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web squareRoot: safePow(v, 0.5), so negative values become null. Name "squareRoot(x)", pathExpression = the new name, tag "squareRoot" = "1".</summary>
public sealed class SquareRoot : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "squareRoot", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Takes the square root of each value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"squareRoot({s.Name})", "squareRoot", s => "1", v => ValueTransform.SafePow(v, 0.5));
    }
}
