using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web delay: values moved by steps positions (later for a positive count, earlier for a negative
/// one) with nulls filling the vacated positions; timestamps stay. Name "delay(x,%d)", pathExpression =
/// the new name (TimeSeries.copy), tag "delay" = str(steps).
/// </summary>
public sealed class Delay : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "delay", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("steps", ParamType.Integer, Required: true),
        ],
        "Shifts every value by a number of steps, padding with nulls.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long steps = args.Long("steps") ?? throw new QueryException("delay: steps is required");
        return args.SeriesList("seriesList").Select(s =>
        {
            // graphite-web builds the values as [None] * steps + series[:-steps], and series[:-0] is empty:
            // delay(x, 0) is a series without values (and the JSON answer is [] when all are empty).
            int n = steps == 0 ? 0 : s.Values.Length;
            var values = new double[n];
            var marks = s.IntegerValues;
            var ints = marks is null ? null : new bool[n];
            for (int i = 0; i < n; i++)
            {
                long from = i - steps;
                values[i] = from >= 0 && from < n ? s.Values[from] : double.NaN;
                if (ints is not null && from >= 0 && from < marks!.Length) ints[i] = marks[from];
            }
            string name = $"delay({s.Name},{steps})";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.IntegerValues = ints;
            copy.Tags["delay"] = TagValue.Of(steps);
            return copy;
        }).ToList();
    }
}
