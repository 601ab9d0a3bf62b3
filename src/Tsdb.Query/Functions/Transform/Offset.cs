using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web offset: factor added to every non-null value. Name "offset(x,%g)", pathExpression =
/// the new name, tag "offset" = str(float(factor)).
/// </summary>
public sealed class Offset : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "offset", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("factor", ParamType.Float, Required: true),
        ],
        "Adds a constant to every non-null value.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double factor = args.Double("factor") ?? throw new QueryException("offset: factor is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            string name = $"offset({s.Name},{PythonFormat.G(factor)})";
            var copy = s.Copy(name, s.Values.Select(v => v + factor).ToArray());
            copy.PathExpression = name;
            copy.Tags["offset"] = TagValue.Of(factor);
            return copy;
        }).ToList();
    }
}
