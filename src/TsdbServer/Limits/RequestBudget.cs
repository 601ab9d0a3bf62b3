using TsdbServer.Options;

namespace TsdbServer.Limits;

/// <summary>
/// What one /render request may still fetch, and until when. Set by <see cref="QueryLimitsMiddleware"/> in an
/// AsyncLocal for the request and charged by <see cref="LimitedMetricReader"/> before every fetch (or, for the
/// series the query layer announces up front, before the first of them), so the limits hold whatever the
/// target expressions do (wildcards, nested functions, seriesByTag) and a refusal costs no data read.
/// </summary>
public sealed class RequestBudget(QueryLimitsOptions limits, DateTime deadlineUtc)
{
    private static readonly AsyncLocal<RequestBudget?> CurrentBudget = new();
    private readonly Dictionary<(string, long, long, long), int> _reserved = new();
    private int _series;
    private long _points;

    public static RequestBudget? Current
    {
        get => CurrentBudget.Value;
        set => CurrentBudget.Value = value;
    }

    public void ChargeSeries() => ChargeSeries(1);

    /// <summary>Charges <paramref name="count"/> series at once (and checks the deadline).</summary>
    public void ChargeSeries(int count)
    {
        if (DateTime.UtcNow > deadlineUtc)
            throw new QueryLimitExceededException(503, $"Query limit exceeded: the request ran longer than {QueryLimitsOptions.Section}:RenderTimeoutSeconds = {limits.RenderTimeoutSeconds}");
        if (Interlocked.Add(ref _series, count) > limits.MaxSeriesPerRequest)
            throw new QueryLimitExceededException(400, $"Query limit exceeded: more than {QueryLimitsOptions.Section}:MaxSeriesPerRequest = {limits.MaxSeriesPerRequest} series");
    }

    public void ChargePoints(long points)
    {
        if (Interlocked.Add(ref _points, points) > limits.MaxPointsPerRequest)
            throw new QueryLimitExceededException(400, $"Query limit exceeded: more than {QueryLimitsOptions.Section}:MaxPointsPerRequest = {limits.MaxPointsPerRequest} points");
    }

    /// <summary>Records that one fetch of (name, from, until, now) has been paid for in advance.</summary>
    public void AddReservation(string name, long from, long until, long now)
    {
        lock (_reserved)
        {
            var key = (name, from, until, now);
            _reserved[key] = _reserved.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>Uses one advance payment for (name, from, until, now); false when there is none left.</summary>
    public bool TryUseReservation(string name, long from, long until, long now)
    {
        lock (_reserved)
        {
            var key = (name, from, until, now);
            if (!_reserved.TryGetValue(key, out int left)) return false;
            if (left == 1) _reserved.Remove(key);
            else _reserved[key] = left - 1;
            return true;
        }
    }
}
