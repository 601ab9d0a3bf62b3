using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web sigmoid: 1 / (1 + e^-v) (null stays null). Name "sigmoid(x)", pathExpression = the new name,
/// tag "sigmoid" = "sigmoid". A value below about -709.78, whose e^-v overflows, is a 400 "math range error"
/// (graphite-web: an uncaught OverflowError, a 500), as exp does.
/// </summary>
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
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"sigmoid({s.Name})", "sigmoid", s => "sigmoid", v =>
        {
            double e = Math.Exp(-v);
            // safeExp lets Python's OverflowError through (not among the caught errors): a 500 there.
            if (double.IsPositiveInfinity(e) && !double.IsNegativeInfinity(v))
                throw new QueryException($"sigmoid: math range error (e^{PythonFormat.Repr(-v)} overflows)");
            return 1 / (1 + e);
        });
    }
}
