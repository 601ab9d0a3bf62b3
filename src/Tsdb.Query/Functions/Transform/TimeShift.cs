using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web timeShift: the first argument is evaluated again over [from + shift, until + shift]
/// and relabelled to start at the original series' start. A shift starting with a digit means the
/// past ("1d" = "-1d"). resetEnd keeps the original end, otherwise the shifted length is kept.
/// alignDst moves the shifted range by an hour when the request range and the shifted range lie
/// wholly on different sides of a DST change (in the request time zone). Name 'timeShift(x, "-1d")',
/// tag "timeShift"; pathExpression stays that of the re-evaluated series. No original series -> nothing.
/// </summary>
public sealed class TimeShift : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "timeShift", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("timeShift", ParamType.Interval, Required: true,
                Suggestions: ["1h", "6h", "12h", "1d", "2d", "7d", "14d", "30d"]),
            new ParamSpec("resetEnd", ParamType.Boolean, Default: true),
            new ParamSpec("alignDst", ParamType.Boolean, Default: false, PythonName: "alignDST"),
        ],
        "Draws the series as it was (or will be) a given interval away, shifted onto the current time range.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string shift = args.String("timeShift") ?? throw new QueryException("timeShift: timeShift is required");
        if (shift.Length > 0 && char.IsAsciiDigit(shift[0])) shift = "-" + shift;
        long delta = TimeOffset.ParseSeconds(shift);
        bool resetEnd = args.Bool("resetEnd", true);
        bool alignDst = args.Bool("alignDst");

        var original = args.SeriesList("seriesList");
        if (original.Count == 0) return [];
        var expression = args.ExpressionOf("seriesList")
            ?? throw new QueryException("timeShift: its first argument cannot be evaluated again");

        long from = context.From + delta;
        long until = context.Until + delta;
        if (alignDst)
        {
            long dstOffset = DstOffset(context, from, until);
            from += dstOffset;
            until += dstOffset;
        }

        var first = original[0];
        var results = new List<TimeSeries>();
        foreach (var shifted in context.EvaluateInRange(expression, from, until))
        {
            var copy = shifted.Copy($"timeShift({shifted.Name}, \"{shift}\")");
            copy.Tags["timeShift"] = shift;
            copy.End = resetEnd ? first.End : shifted.End - shifted.Start + first.Start;
            copy.Start = first.Start;
            results.Add(copy);
        }
        return results;
    }

    /// <summary>+1 h when the request is wholly in DST and the shifted range wholly outside, -1 h the other way round.</summary>
    private static long DstOffset(EvaluationContext context, long from, long until)
    {
        bool IsDst(long t) => context.TimeZone.IsDaylightSavingTime(DateTimeOffset.FromUnixTimeSeconds(t));
        bool reqStart = IsDst(context.From), reqEnd = IsDst(context.Until);
        bool myStart = IsDst(from), myEnd = IsDst(until);
        if (reqStart && reqEnd && !myStart && !myEnd) return 3600;
        if (!reqStart && !reqEnd && myStart && myEnd) return -3600;
        return 0;
    }
}
