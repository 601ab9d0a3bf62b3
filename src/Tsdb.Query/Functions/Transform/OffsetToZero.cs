using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web offsetToZero: the series' minimum subtracted from every value, so the lowest point is 0.
/// Name "offsetToZero(x)", pathExpression = the new name, tag "offsetToZero" = str(minimum) ("None" for
/// an all-null series).
/// </summary>
public sealed class OffsetToZero : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "offsetToZero", "Transform",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Subtracts the series' minimum from every value so that its lowest point is zero.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("seriesList").Select(s =>
        {
            double min = Aggregators.Min(s.Values);
            string name = $"offsetToZero({s.Name})";
            var copy = s.Copy(name, s.Values.Select(v => v - min).ToArray());
            copy.PathExpression = name;
            // value - minimum is an int where both are: min() returns the first of the equal smallest values.
            if (s.IntegerValues is { } marks && Array.FindIndex(s.Values, v => v == min) is var at && at >= 0 && at < marks.Length && marks[at])
                copy.IntegerValues = marks;
            copy.Tags["offsetToZero"] = double.IsNaN(min) ? "None" : TagValue.Of(min);
            return copy;
        }).ToList();
}
