using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;
using Tsdb.Query.Time;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web timeSlice: values outside [startSliceAt, endSliceAt] become null. The times are parsed
/// like from/until against the request's now (graphite-web uses the wall clock) and read as
/// time.mktime does (<see cref="GeneratedSeries.WallClockEpoch"/>); point times are counted from the
/// request's from, not the series' start (graphite-web's quirk). Name "timeSlice(x, start, end)" with
/// int epochs, pathExpression kept, tags "timeSliceStart"/"timeSliceEnd".
/// </summary>
public sealed class TimeSlice : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "timeSlice", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("startSliceAt", ParamType.Date, Required: true),
            new ParamSpec("endSliceAt", ParamType.Date, Default: "now"),
        ],
        "Keeps only the values between two times, nulls elsewhere.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        long start = GeneratedSeries.WallClockEpoch(context, Parse(context, args["startSliceAt"] ?? throw new QueryException("timeSlice: startSliceAt is required")));
        long end = GeneratedSeries.WallClockEpoch(context, Parse(context, args["endSliceAt"] ?? "now"));
        long first = GeneratedSeries.WallClockEpoch(context, context.From);
        return args.SeriesList("seriesList").Select(s =>
        {
            var values = new double[s.Values.Length];
            long current = first;
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = current < start || current > end ? double.NaN : s.Values[i];
                current += s.Step;
            }
            var copy = s.Copy($"timeSlice({s.Name}, {start}, {end})", values);
            copy.Tags["timeSliceStart"] = start.ToString(System.Globalization.CultureInfo.InvariantCulture);
            copy.Tags["timeSliceEnd"] = end.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return copy;
        }).ToList();
    }

    /// <summary>A date argument: an at-time string, or an integer literal taken as epoch seconds.</summary>
    public static long Parse(EvaluationContext context, object value) => value switch
    {
        long l => l,
        double d => (long)d,
        _ => AtTimeParser.ParseEpoch(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "", context.TimeZone, context.Now),
    };
}
