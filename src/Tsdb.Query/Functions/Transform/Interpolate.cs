using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web interpolate: a run of at most limit nulls between two values is filled on the straight
/// line between them; leading and trailing nulls stay. Name "interpolate(x)" (limit never shown),
/// pathExpression = the new name, no tag. The values kept keep their Python int; a filled one is a float
/// (the line's slope is a true division).
/// </summary>
public sealed class Interpolate : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "interpolate", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("limit", ParamType.IntOrInf, Default: double.PositiveInfinity),
        ],
        "Fills gaps of at most limit nulls by linear interpolation between the neighbouring values.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double limit = args.Double("limit") ?? double.PositiveInfinity;
        return args.SeriesList("seriesList").Select(s =>
        {
            var v = (double[])s.Values.Clone();
            var ints = s.IntegerValues is { } marks ? (bool[])marks.Clone() : null;
            NullGaps.ForEach(v, (start, nulls, closed) =>
            {
                if (!closed || !(nulls <= limit)) return;
                int before = start - 1, after = start + nulls;
                for (int j = start; j < after; j++)
                    v[j] = v[before] + (j - before) * (v[after] - v[before]) / (nulls + 1);
                if (ints is not null && start < ints.Length)
                    Array.Fill(ints, false, start, Math.Min(nulls, ints.Length - start));
            });
            string name = $"interpolate({s.Name})";
            var copy = s.Copy(name, v);
            copy.PathExpression = name;
            copy.IntegerValues = ints;
            return copy;
        }).ToList();
    }
}
