using Tsdb.Core;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Evaluation;

/// <summary>
/// The series of a pattern are fetched in parallel: the answer keeps graphite-web's order (sorted by name) and a
/// failure inside one fetch (a limit refusal, a timeout) surfaces as itself, not as an AggregateException, so the
/// server still maps it to its status code.
/// </summary>
public sealed class SeriesFetcherParallelTests
{
    private const long T0 = 1_700_000_040; // a multiple of 60

    private static InMemoryMetricStore Store(int count)
    {
        var store = new InMemoryMetricStore();
        for (int i = count - 1; i >= 0; i--) store.Add($"h.m{i:D3}", T0, 60, i, i + 1);
        return store;
    }

    private static EvaluationContext Context(IMetricReader reader) => new()
    {
        From = T0 - 60, Until = T0 + 60, Now = T0 + 120, Reader = reader,
        EvaluateInRange = (_, _, _) => throw new NotSupportedException(),
        ResolveFunction = _ => null,
    };

    [Fact]
    public void Many_series_come_back_in_name_order_with_their_own_values()
    {
        var store = Store(200);
        var series = new SeriesFetcher(store).Fetch("h.*", Context(store));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"h.m{i:D3}"), series.Select(s => s.Name));
        Assert.All(series, s => Assert.Equal(int.Parse(s.Name[3..]), s.Values[0]));
    }

    [Fact]
    public void A_failing_fetch_is_rethrown_as_itself()
    {
        var reader = new FailingReader(Store(50), failOn: "h.m017");
        var e = Assert.Throws<InvalidOperationException>(() => new SeriesFetcher(reader).Fetch("h.*", Context(reader)));
        Assert.Equal("refused h.m017", e.Message);
    }

    private sealed class FailingReader(IMetricReader inner, string failOn) : IMetricReader
    {
        public IReadOnlyList<MetricNode> Find(string pattern) => inner.Find(pattern);

        public SeriesFetchResult? Fetch(string name, long from, long until, long now) =>
            name == failOn ? throw new InvalidOperationException($"refused {name}") : inner.Fetch(name, from, until, now);

        public IReadOnlyList<string> AllLeafPaths() => inner.AllLeafPaths();
    }
}
