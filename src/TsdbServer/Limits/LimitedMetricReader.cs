using Tsdb.Core;

namespace TsdbServer.Limits;

/// <summary>The query layer's view of storage, charging every fetch to the current request's <see cref="RequestBudget"/>
/// (none outside /render: /metrics and self-metrics read unlimited).</summary>
public sealed class LimitedMetricReader(IMetricReader inner) : IMetricReader
{
    public IReadOnlyList<MetricNode> Find(string pattern) => inner.Find(pattern);

    public SeriesFetchResult? Fetch(string name, long from, long until, long now)
    {
        RequestBudget? budget = RequestBudget.Current;
        budget?.ChargeSeries();
        SeriesFetchResult? result = inner.Fetch(name, from, until, now);
        if (result is not null) budget?.ChargePoints(result.Values.Length);
        return result;
    }

    public IReadOnlyList<string> AllLeafPaths() => inner.AllLeafPaths();
}
