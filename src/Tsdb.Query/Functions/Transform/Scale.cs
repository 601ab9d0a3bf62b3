using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web scale: every value multiplied by factor (null stays null). Name "scale(x,%g)",
/// pathExpression = the new name, tag "scale" = str(float(factor)) ("10.0").
/// </summary>
public sealed class Scale : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "scale", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("factor", ParamType.Float, Required: true),
        ],
        "Multiplies every value by a constant factor.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double factor = args.Double("factor") ?? throw new QueryException("scale: factor is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            string name = $"scale({s.Name},{PythonFormat.G(factor)})";
            var copy = s.Copy(name, s.Values.Select(v => v * factor).ToArray());
            copy.PathExpression = name;
            copy.Tags["scale"] = TagValue.Of(factor);
            return copy;
        }).ToList();
    }
}
