using Tsdb.Query.Time;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// Interval arguments of render functions ("5min", "1h", "-1d"; see <see cref="TimeOffsetParser"/>) in
/// whole seconds. A bad sign or a missing number is a <see cref="QueryException"/> "Invalid offset:
/// &lt;offset&gt;", an unknown unit "Invalid offset unit '&lt;unit&gt;'"; a number or result too large
/// for a long stays an <see cref="OverflowException"/>.
/// </summary>
public static class TimeOffset
{
    public static long ParseSeconds(string offset)
        => TimeOffsetParser.Seconds(offset, (problem, part) => problem switch
        {
            TimeOffsetParser.Problem.Unit => new QueryException($"Invalid offset unit '{part}'"),
            TimeOffsetParser.Problem.Number when part.Length > 0 => new OverflowException(),
            _ => new QueryException($"Invalid offset: {offset}"),
        });
}
