using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web scaleToSeconds: v * seconds / step rounded to 6 decimals (a per-step count turned into a
/// per-`seconds` rate). Name "scaleToSeconds(x,%d)", pathExpression = the new name, tag
/// "scaleToSeconds" = str(seconds).
/// </summary>
public sealed class ScaleToSeconds : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "scaleToSeconds", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("seconds", ParamType.Float, Required: true),
        ],
        "Scales each value from 'per step' to 'per given number of seconds'.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double seconds = args.Double("seconds") ?? throw new QueryException("scaleToSeconds: seconds is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            string name = $"scaleToSeconds({s.Name},{PythonFormat.D(seconds)})";
            double factor = seconds / s.Step;
            var copy = s.Copy(name, s.Values.Select(v => PythonMath.Round(v * factor, 6)).ToArray());
            copy.PathExpression = name;
            copy.Tags["scaleToSeconds"] = TagValue.Of(seconds);
            return copy;
        }).ToList();
    }
}
