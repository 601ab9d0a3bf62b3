using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// The series graphite-web's generator functions (time, sin, randomWalk) build without any input: points
/// every step seconds from the request's from while before until, start = from, end = until.
/// </summary>
public static class GeneratedSeries
{
    public static long PointCount(EvaluationContext context, long step)
    {
        if (step <= 0) throw new QueryException($"step must be positive: {step}");
        return Math.Max(0, (context.Until - context.From + step - 1) / step);
    }

    /// <summary>
    /// graphite-web's time.mktime(dt.timetuple()) on a server running in UTC: the wall-clock time of t in
    /// the request's time zone read back as if it were UTC (so epoch + the zone's offset at t).
    /// </summary>
    public static long WallClockEpoch(EvaluationContext context, long t)
        => t + (long)context.TimeZone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds(t)).TotalSeconds;

    /// <summary>The values of time and sin: <paramref name="valueAt"/> of each point's <see cref="WallClockEpoch"/>.</summary>
    public static double[] AtWallClockTimes(EvaluationContext context, long step, Func<long, double> valueAt)
    {
        var values = new double[PointCount(context, step)];
        for (int i = 0; i < values.Length; i++)
            values[i] = valueAt(WallClockEpoch(context, context.From + i * step));
        return values;
    }

    public static TimeSeries Create(EvaluationContext context, string name, long start, long end, long step, double[] values)
        => new(name, start, end, step, values, name) { XFilesFactor = context.XFilesFactor };
}
