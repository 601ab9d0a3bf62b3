using Tsdb.Core;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Evaluation;

/// <summary>
/// The evaluator announces every local series of every target's path expressions to a limiting reader
/// (<see cref="IFetchReservations"/>) before its first fetch, so a request over a limit is refused with no data read.
/// </summary>
public sealed class FetchReservationTests
{
    private const long Until = 1_000_000;

    /// <summary>Records Reserve and Fetch calls in order (the series of one path expression are fetched in parallel,
    /// so calls are recorded under a lock); Reserve throws (a limit) when told to.</summary>
    private sealed class RecordingReader(IMetricReader inner, bool refuse = false) : IMetricReader, IFetchReservations
    {
        private readonly List<string> _calls = [];

        public List<string> Calls
        {
            get { lock (_calls) return [.. _calls]; }
        }

        public IReadOnlyList<MetricNode> Find(string pattern) => inner.Find(pattern);
        public IReadOnlyList<string> AllLeafPaths() => inner.AllLeafPaths();

        public SeriesFetchResult? Fetch(string name, long from, long until, long now)
        {
            lock (_calls) _calls.Add($"fetch {name} {from} {until}");
            return inner.Fetch(name, from, until, now);
        }

        public void Reserve(IReadOnlyCollection<string> names, long from, long until, long now)
        {
            lock (_calls) _calls.Add($"reserve {string.Join(",", names)} {from} {until}");
            if (refuse) throw new InvalidOperationException("over a limit");
        }
    }

    /// <summary>The calls with each run of fetches sorted: the fetches of one path expression run in parallel, in no
    /// fixed order; reservations and the runs between them keep theirs.</summary>
    private static List<string> InOrderOfReservations(List<string> calls)
    {
        var ordered = new List<string>();
        var run = new List<string>();
        foreach (string call in calls.Append("reserve (end)"))
        {
            if (!call.StartsWith("reserve", StringComparison.Ordinal)) { run.Add(call); continue; }
            ordered.AddRange(run.Order(StringComparer.Ordinal));
            run.Clear();
            if (call != "reserve (end)") ordered.Add(call);
        }
        return ordered;
    }

    private static InMemoryMetricStore Store() => new InMemoryMetricStore()
        .Add("a.x", Until - 60, 60, 1).Add("a.y", Until - 60, 60, 2).Add("b.x", Until - 60, 60, 3);

    [Fact]
    public void All_targets_are_reserved_at_once_before_the_first_fetch_and_each_name_once_per_pattern()
    {
        var reader = new RecordingReader(Store());
        var evaluator = new Evaluator(reader);
        var result = evaluator.EvaluateTargets(["sumSeries(a.*)", "b.x", "aliasByNode(a.x, 1)"],
            evaluator.CreateContext(Until - 120, Until, Until));

        Assert.Equal(3, result.Count);
        Assert.Equal([
            $"reserve a.x,a.y,b.x,a.x {Until - 120} {Until}",
            $"fetch a.x {Until - 120} {Until}",
            $"fetch a.x {Until - 120} {Until}",
            $"fetch a.y {Until - 120} {Until}",
            $"fetch b.x {Until - 120} {Until}",
        ], InOrderOfReservations(reader.Calls));
    }

    [Fact]
    public void A_refused_reservation_ends_the_request_before_any_fetch()
    {
        var reader = new RecordingReader(Store(), refuse: true);
        var evaluator = new Evaluator(reader);
        Assert.Throws<InvalidOperationException>(() =>
            evaluator.EvaluateTargets(["a.*", "b.x"], evaluator.CreateContext(Until - 120, Until, Until)));
        Assert.DoesNotContain(reader.Calls, c => c.StartsWith("fetch", StringComparison.Ordinal));
    }

    [Fact]
    public void A_range_only_known_during_evaluation_is_reserved_before_its_own_fetches()
    {
        var reader = new RecordingReader(Store());
        var evaluator = new Evaluator(reader);
        evaluator.EvaluateTargets(["timeShift(a.*, '1min')"], evaluator.CreateContext(Until - 120, Until, Until));

        // The prefetch reserves the request's range (the argument is evaluated there first, as graphite-web's);
        // timeShift's range is only known while evaluating: reserved, then fetched.
        Assert.Equal([
            $"reserve a.x,a.y {Until - 120} {Until}",
            $"fetch a.x {Until - 120} {Until}",
            $"fetch a.y {Until - 120} {Until}",
            $"reserve a.x,a.y {Until - 180} {Until - 60}",
            $"fetch a.x {Until - 180} {Until - 60}",
            $"fetch a.y {Until - 180} {Until - 60}",
        ], InOrderOfReservations(reader.Calls));
    }
}
