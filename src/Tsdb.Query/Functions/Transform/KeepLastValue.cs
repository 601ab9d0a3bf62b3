using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web keepLastValue: a run of at most limit nulls after a value is filled with that value;
/// leading nulls stay, a trailing run is filled too. Name "keepLastValue(x)" (limit never shown),
/// pathExpression = the new name, no tag added.
/// </summary>
public sealed class KeepLastValue : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "keepLastValue", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("limit", ParamType.IntOrInf, Default: double.PositiveInfinity),
        ],
        "Fills gaps of up to limit nulls with the last value seen before them.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double limit = args.Double("limit") ?? double.PositiveInfinity;
        return args.SeriesList("seriesList").Select(s =>
        {
            var values = (double[])s.Values.Clone();
            // A filled value is the one before the gap, a Python int when that one is.
            var ints = s.IntegerValues is { } marks ? (bool[])marks.Clone() : null;
            NullGaps.ForEach(values, (start, nulls, _) =>
            {
                if (nulls > limit) return;
                Array.Fill(values, values[start - 1], start, nulls);
                if (ints is not null && start - 1 < ints.Length)
                    Array.Fill(ints, ints[start - 1], start, Math.Max(0, Math.Min(nulls, ints.Length - start)));
            });
            string name = $"keepLastValue({s.Name})";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.IntegerValues = ints;
            return copy;
        }).ToList();
    }
}
