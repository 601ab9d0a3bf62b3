using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>Filter Series, Filter Data and Sorting functions (expectations from graphite-web test_functions.py).</summary>
public class SeriesFilterAndSortingTests
{
    private static List<TimeSeries> Four() =>
    [
        Series("collectd.test-db1.load.value", 0, 60, 1, 2, 3, 4, 5, 4, 3, 5, 6, 7),
        Series("collectd.test-db2.load.value", 0, 60, N, N, N),
        Series("collectd.test-db3.load.value", 0, 60, 1, 2, N, N, N, 4, 3, 2, 1, 0),
        Series("collectd.test-db4.load.value", 0, 60, 10, 9, 8, 7, 6, 7, 8, 9, 10, N),
    ];

    private static string[] Names(List<TimeSeries> l) => l.Select(s => s.Name.Split('.')[1]).ToArray();

    private static List<TimeSeries> Constant(params double[] levels) => levels.Select((v, i) =>
        Series($"collectd.test-db{i + 1}.load.value", 0, 1, Enumerable.Repeat(v, 100).ToArray())).ToList();

    [Fact]
    public void Highest_lowest_with_func()
    {
        Assert.Equal(["test-db4", "test-db1"], Names(Call("highest", Four(), 2L, "max")));
        Assert.Equal(["test-db4"], Names(Call("highest", Four(), 1L)));
        Assert.Equal(["test-db2", "test-db3"], Names(Call("lowest", Four(), 2L, "min")));
        Assert.Equal(["test-db2", "test-db3", "test-db1"], Names(Call("lowestAverage", Four(), 3L)));
    }

    [Fact]
    public void Minimum_filters_and_filterSeries()
    {
        Assert.Equal(["test-db4"], Names(Call("minimumAbove", Four(), 1.0)));
        Assert.Equal(["test-db1", "test-db2", "test-db3"], Names(Call("minimumBelow", Four(), 1.0)));
        Assert.Equal(["test-db1", "test-db4"], Names(Call("filterSeries", Four(), "max", ">", 5.0)));
        Assert.Equal(["test-db2", "test-db3"], Names(Call("filterSeries", Four(), "max", "<=", 5.0)));
        Assert.Equal(["test-db1"], Names(Call("filterSeries", Four(), "last", "=", 7.0)));
        Assert.Throws<QueryException>(() => Call("filterSeries", Four(), "max", "<>", 5.0));
    }

    [Theory]
    [InlineData(30.0)]
    [InlineData(70.0)]
    public void Percentile_band_filters_drop_the_middle_series(double n)
    {
        // test_averageOutsidePercentile_30/70, test_removeBetweenPercentile_30/70
        Assert.Equal(["test-db2", "test-db3", "test-db4"], Names(Call("averageOutsidePercentile", Constant(7, 5, 10, 1), n)));
        Assert.Equal(["test-db2", "test-db3", "test-db4"], Names(Call("removeBetweenPercentile", Constant(7, 5, 10, 1), n)));
    }

    [Fact]
    public void MostDeviant_ranks_by_variance()
    {
        // test_mostDeviant
        var input = new List<TimeSeries>
        {
            Series("test.foo", 0, 60, 10, 10, 10, 3, 10, 5, 6, 10, 7, 10, 10),
            Series("test.bar", 0, 60, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            Series("test.baz", 0, 60, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1),
            Series("test.blah", 0, 60, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5),
            Series("test.none", 0, 60, N, N),
        };
        Assert.Equal(["test.bar", "test.foo"], Call("mostDeviant", input, 2L).Select(s => s.Name));
    }

    [Fact]
    public void RemoveEmptySeries_unique_and_fallback()
    {
        Assert.Equal(["test-db1", "test-db3", "test-db4"], Names(Call("removeEmptySeries", Four())));
        Assert.Equal(["test-db1", "test-db4"], Names(Call("removeEmptySeries", Four(), 0.9)));
        var four = Four();
        Assert.Equal(["test-db1", "test-db2", "test-db3", "test-db4"],
            Names(Call("unique", four, four.Take(2).ToList(), Four())));
        Assert.Same(four, Call("fallbackSeries", four, new List<TimeSeries>()));
        var fallback = new List<TimeSeries> { Series("fallback", 0, 60, 1) };
        Assert.Same(fallback, Call("fallbackSeries", new List<TimeSeries>(), fallback));
    }

    [Fact]
    public void UseSeriesAbove_evaluates_the_renamed_series()
    {
        string? evaluated = null;
        var context = Context(evaluateInRange: (e, f, u) =>
        {
            evaluated = e.Text;
            return [Series("ganglia.metric1.time", 0, 60, 1, 2), Series("empty.time", 0, 60)];
        });
        var input = new List<TimeSeries>
        {
            Series("ganglia.metric1.reqs", 0, 60, 5, 20),
            Series("ganglia.metric2.reqs", 0, 60, 5, 6),
            Series("ganglia.metric3.reqs", 0, 60, N, N),
        };
        var result = CallIn(context, "useSeriesAbove", input, 10.0, "reqs", "time");
        Assert.Equal("group(ganglia.metric1.time)", evaluated);
        Assert.Equal(["ganglia.metric1.time"], result.Select(s => s.Name));
    }

    [Fact]
    public void Percentile_data_filters()
    {
        var input = new List<TimeSeries> { Series("a.b", 0, 1, 1, 2, 3, 4, 5, N, 6, 7, 8, 9) };
        // nPercentile 50 of 9 points: rank ceil(0.5 * 10) = 5 -> 5.
        var above = Assert.Single(Call("removeAbovePercentile", input, 50.0));
        AssertSeries(above, "removeAbovePercentile(a.b, 50)", 0, 10, 1, 1, 2, 3, 4, 5, N, N, N, N, N);
        Assert.Equal(above.Name, above.PathExpression);
        var below = Assert.Single(Call("removeBelowPercentile", input, 50.0));
        AssertSeries(below, "removeBelowPercentile(a.b, 50)", 0, 10, 1, N, N, N, N, 5, N, 6, 7, 8, 9);
        // the percentile comes from nPercentile, whose tag lands on the series (shared tags dict upstream)
        AssertTags(above, ("name", "a.b"), ("nPercentile", "50.0"));
        AssertTags(below, ("name", "a.b"), ("nPercentile", "50.0"));
        var empty = Assert.Single(Call("removeAbovePercentile", new List<TimeSeries> { Series("x", 0, 1, N) }, 50.0));
        AssertSeries(empty, "removeAbovePercentile(x, 50)", 0, 1, 1, N);
        AssertTags(empty, ("name", "x"));
    }

    [Fact]
    public void Sorting_functions()
    {
        Assert.Equal(["test-db2", "test-db3", "test-db1", "test-db4"], Names(Call("sortBy", Four())));
        Assert.Equal(["test-db4", "test-db1", "test-db3", "test-db2"], Names(Call("sortBy", Four(), "average", true)));
        Assert.Equal(["test-db2", "test-db3", "test-db1", "test-db4"], Names(Call("sortBy", Four(), "max")));
        Assert.Equal(["test-db4", "test-db1", "test-db3", "test-db2"], Names(Call("sortByTotal", Four())));
        Assert.Equal(["test-db4", "test-db1", "test-db3", "test-db2"], Names(Call("sortByMaxima", Four())));
        // sortByMinima drops series whose maximum is not above 0 (db2: all null) and sorts ascending by minimum.
        var minima = new List<TimeSeries>(Four()) { Series("collectd.test-db5.load.value", 0, 60, -1, 0) };
        Assert.Equal(["test-db3", "test-db1", "test-db4"], Names(Call("sortByMinima", minima)));
    }
}
