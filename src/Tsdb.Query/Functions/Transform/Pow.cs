using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web pow: safePow(v, factor) (null on domain error or overflow). Name "pow(x,%g)", pathExpression = the new name, tag "pow" = str(factor).</summary>
public sealed class Pow : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "pow", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("factor", ParamType.Float, Required: true),
        ],
        "Raises each value to the power of a constant factor.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double factor = args.Double("factor") ?? throw new QueryException("pow: factor is required");
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"pow({s.Name},{PythonFormat.G(factor)})", "pow", s => TagValue.Of(factor), v => ValueTransform.SafePow(v, factor));
    }
}
