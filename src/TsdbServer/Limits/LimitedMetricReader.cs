using Tsdb.Core;

namespace TsdbServer.Limits;

/// <summary>
/// The query layer's view of storage, charging every fetch to the current request's <see cref="RequestBudget"/>
/// (none outside /render: /metrics and self-metrics read unlimited). Points are charged before the fetch,
/// from the store's geometry (<see cref="IFetchPlanner"/>), so a fetch over the limit is refused before any
/// value array is allocated or chunk decoded; a reader without geometry is charged after its fetch.
/// Series the query layer announces (<see cref="IFetchReservations"/>) are all charged before the first of them
/// is fetched.
/// </summary>
public sealed class LimitedMetricReader(IMetricReader inner) : IMetricReader, IFetchPlanner, IFetchReservations
{
    private readonly IFetchPlanner? _planner = inner as IFetchPlanner;
    private long _innerFetches;

    /// <summary>Fetches passed on to storage since start (for tests: a refused request must add none).</summary>
    public long InnerFetches => Interlocked.Read(ref _innerFetches);

    public IReadOnlyList<MetricNode> Find(string pattern) => inner.Find(pattern);

    public IReadOnlyList<string> FindLeaves(string pattern) => inner.FindLeaves(pattern);

    public long? NamesGeneration => inner.NamesGeneration;

    public SeriesFetchResult? Fetch(string name, long from, long until, long now)
    {
        RequestBudget? budget = RequestBudget.Current;
        bool paid = budget is null || budget.TryUseReservation(name, from, until, now);
        bool charged = paid;
        if (!paid)
        {
            budget!.ChargeSeries();
            if (_planner is not null)
            {
                if (_planner.PointCount(name, from, until, now) is long points) budget.ChargePoints(points);
                charged = true;
            }
        }
        Interlocked.Increment(ref _innerFetches);
        SeriesFetchResult? result = inner.Fetch(name, from, until, now);
        if (!charged && result is not null) budget!.ChargePoints(result.Values.Length);
        return result;
    }

    /// <summary>Charges every name's series and points before any of them is read. Without geometry (a reader
    /// that is not an <see cref="IFetchPlanner"/>) nothing is reserved: each fetch is charged as it comes.</summary>
    public void Reserve(IReadOnlyCollection<string> names, long from, long until, long now)
    {
        RequestBudget? budget = RequestBudget.Current;
        if (budget is null || _planner is null || names.Count == 0) return;
        budget.ChargeSeries(names.Count);
        long points = 0;
        foreach (var name in names)
            if (_planner.PointCount(name, from, until, now) is long n) points += n;
        budget.ChargePoints(points);
        foreach (var name in names) budget.AddReservation(name, from, until, now);
    }

    public long? PointCount(string name, long from, long until, long now) => _planner?.PointCount(name, from, until, now);

    public IReadOnlyList<string> AllLeafPaths() => inner.AllLeafPaths();
}
