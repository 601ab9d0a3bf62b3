using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>The second set: aliasByMetric, rankings and filters, limit/grep/exclude, removeBelow/AboveValue,
/// absolute, integral, countSeries, multiplySeries.</summary>
public class MoreFunctionTests
{
    [Theory]
    [InlineData("collectd.test-db1.load.value", "value")]
    [InlineData("scaleToSeconds(collectd.test-db5.load.value, 1)", "value")]
    [InlineData("sumSeries(collectd.test-db6.load.value)", "value")]
    [InlineData("a", "a")]
    [InlineData("a.b", "b")]
    [InlineData("a.b.c", "c")]
    public void AliasByMetric_upstream_names(string name, string expected)
    {
        // test_aliasByMetric
        var s = Assert.Single(Call("aliasByMetric", new List<TimeSeries> { Series(name, 0, 60, 1, N) }));
        Assert.Equal(expected, s.Name);
        Assert.Equal(name, s.PathExpression);
        AssertValues([1, N], s.Values);
    }

    private static List<TimeSeries> Four() =>
    [
        Series("collectd.test-db1.load.value", 0, 60, 1, 2, 3, 4, 5, 4, 3, 5, 6, 7),
        Series("collectd.test-db2.load.value", 0, 60, N, N, N),
        Series("collectd.test-db3.load.value", 0, 60, 1, 2, N, N, N, 4, 3, 2, 1, 0),
        Series("collectd.test-db4.load.value", 0, 60, 10, 9, 8, 7, 6, 7, 8, 9, 10, N),
    ];

    private static string[] Names(List<TimeSeries> l) => l.Select(s => s.Name.Split('.')[1]).ToArray();

    [Fact]
    public void Rankings()
    {
        Assert.Equal(["test-db4", "test-db1"], Names(Call("highestMax", Four(), 2L)));
        Assert.Equal(["test-db4", "test-db1", "test-db3"], Names(Call("highestAverage", Four(), 3L)));
        Assert.Equal(["test-db2", "test-db3"], Names(Call("lowestCurrent", Four(), 2L)));
    }

    [Fact]
    public void Value_filters_keep_null_aggregates_on_the_below_side()
    {
        Assert.Equal(["test-db1", "test-db4"], Names(Call("currentAbove", Four(), 5.0)));
        Assert.Equal(["test-db2", "test-db3"], Names(Call("currentBelow", Four(), 5.0)));
        Assert.Equal(["test-db4"], Names(Call("averageAbove", Four(), 5.0)));
        Assert.Equal(["test-db1", "test-db2", "test-db3"], Names(Call("averageBelow", Four(), 5.0)));
        Assert.Equal(["test-db1", "test-db4"], Names(Call("maximumAbove", Four(), 6.0)));
        Assert.Equal(["test-db2", "test-db3"], Names(Call("maximumBelow", Four(), 6.0)));
    }

    [Fact]
    public void Limit_grep_exclude()
    {
        Assert.Equal(["test-db1", "test-db2"], Names(Call("limit", Four(), 2L)));
        Assert.Equal(["test-db1", "test-db2", "test-db3", "test-db4"], Names(Call("limit", Four(), 10L)));
        Assert.Equal(["test-db1", "test-db3"], Names(Call("grep", Four(), @"db[13]")));
        Assert.Equal(["test-db2", "test-db4"], Names(Call("exclude", Four(), @"db[13]")));
        Assert.Throws<QueryException>(() => Call("grep", Four(), "(unclosed"));
    }

    [Fact]
    public void RemoveBelow_and_above_value()
    {
        var one = new List<TimeSeries> { Series("a.b", 0, 1, 1, 5, N, 10) };
        var below = Assert.Single(Call("removeBelowValue", one, 5.0));
        AssertSeries(below, "removeBelowValue(a.b, 5)", 0, 4, 1, N, 5, N, 10);
        Assert.Equal(below.Name, below.PathExpression);
        var above = Assert.Single(Call("removeAboveValue", one, 5.5));
        AssertSeries(above, "removeAboveValue(a.b, 5.5)", 0, 4, 1, 1, 5, N, N);
        AssertTags(above, ("name", "a.b"));
    }

    [Fact]
    public void Absolute_and_integral()
    {
        var abs = Assert.Single(Call("absolute", new List<TimeSeries> { Series("x", 0, 1, -1, N, 2) }));
        AssertSeries(abs, "absolute(x)", 0, 3, 1, 1, N, 2);
        AssertTags(abs, ("name", "x"), ("absolute", "1"));
        // test_integral
        var integral = Assert.Single(Call("integral", new List<TimeSeries> { Series("test", 0, 60, N, 1, 2, 3, 4, 5, N, 6, 7, 8) }));
        AssertSeries(integral, "integral(test)", 0, 600, 60, N, 1, 3, 6, 10, 15, N, 21, 28, 36);
        AssertTags(integral, ("name", "test"), ("integral", "1"));
    }

    [Fact]
    public void CountSeries_counts_series_as_ints()
    {
        var list = new List<TimeSeries> { Series("a.x", 0, 60, 1, N), Series("a.y", 0, 60, N, N) };
        foreach (var s in list) s.PathExpression = "a.*";
        var c = Assert.Single(Call("countSeries", list));
        AssertSeries(c, "countSeries(a.*)", 0, 120, 60, 2, 2);
        Assert.Equal([true, true], c.IntegerValues!);
        AssertTags(c, ("name", "countSeries(a.*)"));

        var none = Assert.Single(CallIn(Context(0, 600), "countSeries"));
        AssertSeries(none, "0", 0, 600, 300, 0, 0, 0);
        Assert.Equal("countSeries()", none.PathExpression);
        Assert.Empty(Call("countSeries", new List<TimeSeries>()));
    }

    [Fact]
    public void MultiplySeries_rows_and_single_series()
    {
        var m = Assert.Single(Call("multiplySeries", new List<TimeSeries> { Series("a", 0, 1, 2, N, 3), Series("b", 0, 1, 4, 5, 0.5) }));
        AssertSeries(m, "multiplySeries(a,b)", 0, 3, 1, 8, N, 1.5);
        Assert.Equal("multiply", m.Tags["aggregatedBy"]);
        var only = Series("a", 0, 1, 2);
        Assert.Same(only, Assert.Single(Call("multiplySeries", new List<TimeSeries> { only })));
    }
}
