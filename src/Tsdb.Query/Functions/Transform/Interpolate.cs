using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web interpolate: a run of at most limit nulls between two values is filled on the straight
/// line between them; leading and trailing nulls stay. Name "interpolate(x)" (limit never shown),
/// pathExpression = the new name, no tag.
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
            int nulls = 0;
            for (int i = 1; i < v.Length; i++)
            {
                if (double.IsNaN(v[i])) { nulls++; continue; }
                if (nulls == 0) continue;
                int before = i - nulls - 1;
                if (!double.IsNaN(v[before]) && nulls <= limit)
                    for (int j = before + 1; j < i; j++)
                        v[j] = v[before] + (j - before) * (v[i] - v[before]) / (nulls + 1);
                nulls = 0;
            }
            string name = $"interpolate({s.Name})";
            var copy = s.Copy(name, v);
            copy.PathExpression = name;
            return copy;
        }).ToList();
    }
}
