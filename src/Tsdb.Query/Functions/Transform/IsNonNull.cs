using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web isNonNull: int 1 where a value exists, int 0 for null (written 0/1 in JSON). Name
/// "isNonNull(x)", pathExpression = the new name, tag "isNonNull" = "1".
/// </summary>
public sealed class IsNonNull : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "isNonNull", "Transform",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Replaces each value by 1 and each null by 0, e.g. to count the series reporting at a time.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("seriesList").Select(s =>
        {
            string name = $"isNonNull({s.Name})";
            var copy = s.Copy(name, s.Values.Select(v => double.IsNaN(v) ? 0.0 : 1.0).ToArray());
            copy.IntegerValues = Enumerable.Repeat(true, s.Values.Length).ToArray();
            copy.PathExpression = name;
            copy.Tags["isNonNull"] = "1";
            return copy;
        }).ToList();
}
