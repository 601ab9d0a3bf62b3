using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web timeStack: for k in [timeShiftStart, timeShiftEnd) the first argument is evaluated again
/// over the request range shifted by k * timeShiftUnit (a leading digit means the past: "1d" = "-1d") and
/// relabelled to the first original series' start and end. Name "timeShift(x, -1d, k)" (also the
/// pathExpression), tags "timeShiftUnit" and "timeShift" = k. No original series -> nothing.
/// </summary>
public sealed class TimeStack : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "timeStack", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("timeShiftUnit", ParamType.Interval, Default: "1d",
                Suggestions: ["1h", "6h", "12h", "1d", "2d", "7d", "14d", "30d"]),
            new ParamSpec("timeShiftStart", ParamType.Integer, Default: 0L),
            new ParamSpec("timeShiftEnd", ParamType.Integer, Default: 7L),
        ],
        "Draws the series once per shift of a time unit (e.g. each of the last 7 days) over the current range.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string unit = args.String("timeShiftUnit") ?? "1d";
        if (unit.Length > 0 && char.IsAsciiDigit(unit[0])) unit = "-" + unit;
        long delta = TimeOffset.ParseSeconds(unit);
        long shiftStart = args.Long("timeShiftStart") ?? 0;
        long shiftEnd = args.Long("timeShiftEnd") ?? 7;
        var original = args.SeriesList("seriesList");
        if (original.Count == 0) return [];
        var expression = args.ExpressionOf("seriesList")
            ?? throw new QueryException("timeStack: its first argument cannot be evaluated again");
        var first = original[0];
        var results = new List<TimeSeries>();
        for (long shift = shiftStart; shift < shiftEnd; shift++)
        {
            foreach (var shifted in context.EvaluateInRange(expression, context.From + delta * shift, context.Until + delta * shift))
            {
                string name = $"timeShift({shifted.Name}, {unit}, {shift})";
                var copy = shifted.Copy(name);
                copy.PathExpression = name;
                copy.Tags["timeShiftUnit"] = unit;
                copy.Tags["timeShift"] = TagValue.Of(shift);
                copy.Start = first.Start;
                copy.End = first.End;
                results.Add(copy);
            }
        }
        return results;
    }
}
