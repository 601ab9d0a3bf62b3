using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web logit: natural log of v / (1 - v); null for null, v = 1 (division by zero) and a non-positive ratio (math domain error). Name "logit(x)", pathExpression = the new name, tag "logit" = "logit".</summary>
public sealed class Logit : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "logit", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
        ],
        "Applies the logit function log(v / (1 - v)) to each value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        return ValueTransform.Map(args.SeriesList("seriesList"), s => $"logit({s.Name})", "logit", s => "logit", v => LogOdds(v));
    }

    private static double LogOdds(double v)
    {
        if (double.IsNaN(v) || v == 1) return double.NaN;
        double ratio = v / (1 - v);
        return ratio > 0 ? Math.Log(ratio) : double.NaN;
    }
}
