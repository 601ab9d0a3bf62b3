using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web minMax: (v - min) / (max - min) with min/max of the series' non-null values (0.0 when
/// none); a flat series gives 0.0 everywhere. Name "minMax(x)", pathExpression = the new name, no tag.
/// </summary>
public sealed class MinMax : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "minMax", "Transform",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Rescales each series to the range 0..1 between its minimum and maximum.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("seriesList").Select(s =>
        {
            double min = Aggregators.Min(s.Values), max = Aggregators.Max(s.Values);
            if (double.IsNaN(min)) { min = 0; max = 0; }
            string name = $"minMax({s.Name})";
            var copy = s.Copy(name, s.Values.Select(v => double.IsNaN(v) ? v : max == min ? 0.0 : (v - min) / (max - min)).ToArray());
            copy.PathExpression = name;
            return copy;
        }).ToList();
}
