using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Graph;

/// <summary>graphite-web dashed: render option "dashed" = dashLength, name "dashed(x, %g)" (pathExpression kept), tag "dashed" = str(dashLength).</summary>
public sealed class Dashed : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "dashed", "Graph",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("dashLength", ParamType.Integer, Default: 5L),
        ],
        "Draws the series with a dashed line of the given dash length.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        object value = args["dashLength"] ?? 5L;
        return RenderOptions.Set(args.SeriesList("seriesList"), "dashed", value,
            s => $"dashed({s.Name}, {PythonFormat.G(Convert.ToDouble(value))})", TagValue.Of(value));
    }
}
