using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web add: v + constant (null stays null). Name "add(x,%d)" — the constant truncated to an int in the name only (add(x,1) for 1.5) — pathExpression = the new name, tag "add" = str(constant).</summary>
public sealed class Add : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "add", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("constant", ParamType.Float, Required: true),
        ],
        "Adds a constant to every value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double constant = args.Double("constant") ?? throw new QueryException("add: constant is required");
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"add({s.Name},{PythonFormat.D(constant)})", "add", s => TagValue.Of(constant), v => v + constant);
    }
}
