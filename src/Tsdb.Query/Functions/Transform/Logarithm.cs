using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web logarithm, registered as "log": log(v) / log(base); values &lt;= 0 and nulls become null.
/// Name "log(x, 10)" (with a space), pathExpression = the new name, tag "log" = str(base).
/// </summary>
public sealed class Logarithm : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "log", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("base", ParamType.Integer, Default: 10L),
        ],
        "Takes the logarithm of each value in the given base (10 by default); non-positive values become null.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        object baseArg = args["base"] ?? 10L;
        double logBase = args.Double("base") ?? 10;
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"log({s.Name}, {TagValue.Of(baseArg)})", "log",
            _ => TagValue.Of(baseArg), v => v > 0 ? Math.Log(v) / Math.Log(logBase) : double.NaN);
    }
}
