using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>graphite-web absolute: |v| for every non-null value (abs of a Python int is an int). Name "absolute(x)",
/// pathExpression = the new name, tag "absolute" = "1".</summary>
public sealed class Absolute : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "absolute", "Transform",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "The absolute value of every point.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("seriesList").Select(s =>
        {
            string name = $"absolute({s.Name})";
            var copy = s.Copy(name, s.Values.Select(Math.Abs).ToArray());
            copy.PathExpression = name;
            copy.IntegerValues = s.IntegerValues;
            copy.Tags["absolute"] = "1";
            return copy;
        }).ToList();
}
