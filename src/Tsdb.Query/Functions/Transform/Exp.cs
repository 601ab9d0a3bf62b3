using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web exp: e^v (null stays null). Name "exp(x)", pathExpression = the new name, tag "exp" = "e".
/// A value whose e^v overflows a double (v above about 709.78) is a 400 "math range error": graphite-web's
/// safeExp lets Python's OverflowError through (a 500), where an infinity would silently stand in.
/// </summary>
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
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"exp({s.Name})", "exp", s => "e", v =>
        {
            double e = Math.Exp(v);
            if (double.IsPositiveInfinity(e) && !double.IsPositiveInfinity(v))
                throw new QueryException($"exp: math range error (e^{PythonFormat.Repr(v)} overflows)");
            return e;
        });
    }
}
