using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web roundFunction, registered as "round": Python round(v, precision) (half to even on the
/// exact binary value; a negative precision rounds to tens, hundreds, ...). Name "round(x)" without a
/// precision, "round(x,N)" with one; pathExpression = the new name, tag "round" = str(precision or 0).
/// </summary>
public sealed class RoundFunction : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "round", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("precision", ParamType.Integer, Default: 0L),
        ],
        "Rounds each value to the given number of decimal places (0 by default).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long precision = args.Long("precision") ?? 0;
        // The binder fills the default 0 when absent, so "given" is read from the call text.
        bool given = args.Call is null ? precision != 0 : args.Call.Args.Count > 1 || args.Call.KwArgs.Any(k => k.Key == "precision");
        return ValueTransform.Map(args.SeriesList("seriesList"),
            s => given ? $"round({s.Name},{precision})" : $"round({s.Name})",
            "round", _ => TagValue.Of(precision), v => Round(v, (int)precision), keepsInts: true);
    }

    private static double Round(double v, int digits)
    {
        if (digits >= 0) return PythonMath.Round(v, Math.Min(digits, 300));
        double scale = Math.Pow(10, -digits);
        return Math.Round(v / scale, MidpointRounding.ToEven) * scale;
    }
}
