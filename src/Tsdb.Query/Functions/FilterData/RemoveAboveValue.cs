using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.FilterData;

/// <summary>
/// graphite-web removeAboveValue: values above n become null. Name "removeAboveValue(x, %g)" (with a space, unlike most
/// functions), pathExpression = the new name, no tag added.
/// </summary>
public sealed class RemoveAboveValue : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "removeAboveValue", "Filter Data",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("n", ParamType.Float, Required: true),
        ],
        "Replaces values above n with null.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double n = args.Double("n") ?? throw new QueryException("removeAboveValue: n is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            string name = $"removeAboveValue({s.Name}, {PythonFormat.G(n)})";
            var copy = s.Copy(name, s.Values.Select(v => v > n ? double.NaN : v).ToArray());
            copy.IntegerValues = s.IntegerValues; // kept values keep their Python type
            copy.PathExpression = name;
            return copy;
        }).ToList();
    }
}
