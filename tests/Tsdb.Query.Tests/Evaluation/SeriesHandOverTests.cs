using Tsdb.Core;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Evaluation;

/// <summary>
/// The fetcher hands the fetched series themselves to the last read the targets announce and copies to the
/// earlier ones: each path is still read from the store once, and no two reads share a series.
/// </summary>
public sealed class SeriesHandOverTests
{
    private const long Until = 1_200_000; // a multiple of the 60 s step

    private sealed class CountingReader(IMetricReader inner) : IMetricReader
    {
        public int Fetches { get; private set; }
        public IReadOnlyList<MetricNode> Find(string pattern) => inner.Find(pattern);
        public IReadOnlyList<string> AllLeafPaths() => inner.AllLeafPaths();

        public SeriesFetchResult? Fetch(string name, long from, long until, long now)
        {
            Fetches++;
            return inner.Fetch(name, from, until, now);
        }
    }

    private static CountingReader Reader() =>
        new(new InMemoryMetricStore().Add("a.x", Until - 120, 60, 1, 2).Add("a.y", Until - 120, 60, 3, 4));

    [Fact]
    public void A_path_in_two_targets_is_read_once_and_each_target_gets_its_own_series()
    {
        var reader = Reader();
        var evaluator = new Evaluator(reader);
        var result = evaluator.EvaluateTargets(["a.x", "a.x"], evaluator.CreateContext(Until - 120, Until, Until));

        Assert.Equal(1, reader.Fetches);
        Assert.Equal(2, result.Count);
        Assert.NotSame(result[0], result[1]);
        Assert.NotSame(result[0].Tags, result[1].Tags);
        // Values arrays are never written in place (TimeSeries contract), so the copies share them.
        Assert.Same(result[0].Values, result[1].Values);
    }

    [Fact]
    public void A_function_changing_its_series_leaves_the_other_reads_alone()
    {
        var reader = Reader();
        var evaluator = new Evaluator(reader);
        var result = evaluator.EvaluateTargets(["scale(a.*, 10)", "a.*", "sumSeries(a.*)"],
            evaluator.CreateContext(Until - 180, Until - 60, Until));

        Assert.Equal(2, reader.Fetches);
        Assert.Equal([10.0, 20.0], result[0].Values);
        Assert.Equal([1.0, 2.0], result[2].Values);
        Assert.Equal([3.0, 4.0], result[3].Values);
        Assert.Equal([4.0, 6.0], result[4].Values);
    }

    [Fact]
    public void A_read_beyond_the_announced_ones_reads_the_store_again()
    {
        var reader = Reader();
        var evaluator = new Evaluator(reader);
        var context = evaluator.CreateContext(Until - 120, Until, Until);
        var first = evaluator.EvaluateTargets(["a.x"], context);
        var again = (List<Tsdb.Query.Model.TimeSeries>)evaluator.Evaluate(Tsdb.Query.Expressions.TargetParser.Parse("a.x"), context)!;

        Assert.Equal(2, reader.Fetches);
        Assert.NotSame(first[0], again[0]);
        Assert.Equal(first[0].Values, again[0].Values);
    }
}
