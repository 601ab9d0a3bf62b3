using TsdbServer.Options;

namespace TsdbServer.Limits;

/// <summary>
/// What one /render request may still fetch, and until when. Set by <see cref="QueryLimitsMiddleware"/> in an
/// AsyncLocal for the request and charged by <see cref="LimitedMetricReader"/> on every fetch, so the limits
/// hold whatever the target expressions do (wildcards, nested functions, seriesByTag).
/// </summary>
public sealed class RequestBudget(QueryLimitsOptions limits, DateTime deadlineUtc)
{
    private static readonly AsyncLocal<RequestBudget?> CurrentBudget = new();
    private int _series;
    private long _points;

    public static RequestBudget? Current
    {
        get => CurrentBudget.Value;
        set => CurrentBudget.Value = value;
    }

    public void ChargeSeries()
    {
        if (DateTime.UtcNow > deadlineUtc)
            throw new QueryLimitExceededException(503, $"Query limit exceeded: the request ran longer than {QueryLimitsOptions.Section}:RenderTimeoutSeconds = {limits.RenderTimeoutSeconds}");
        if (Interlocked.Increment(ref _series) > limits.MaxSeriesPerRequest)
            throw new QueryLimitExceededException(400, $"Query limit exceeded: more than {QueryLimitsOptions.Section}:MaxSeriesPerRequest = {limits.MaxSeriesPerRequest} series");
    }

    public void ChargePoints(long points)
    {
        if (Interlocked.Add(ref _points, points) > limits.MaxPointsPerRequest)
            throw new QueryLimitExceededException(400, $"Query limit exceeded: more than {QueryLimitsOptions.Section}:MaxPointsPerRequest = {limits.MaxPointsPerRequest} points");
    }
}
