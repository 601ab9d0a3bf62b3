using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web invert: safePow(v, -1), so 0 becomes null. Name "invert(x)", pathExpression = the new name, tag "invert" = "1".</summary>
public sealed class Invert : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "invert", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Replaces each value v by 1/v.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"invert({s.Name})", "invert", s => "1", v => ValueTransform.SafePow(v, -1));
    }
}
