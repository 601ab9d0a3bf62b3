using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>sumSeries & co. (graphite-web aggregate()); expectations from test_functions.py and spec §11.1.</summary>
public class AggregateSeriesTests
{
    private static readonly double[] Range101 = Enumerable.Range(0, 101).Select(i => (double)i).ToArray();

    [Fact]
    public void SumSeries_adds_two_series_and_names_by_path_expressions()
    {
        var list = GenerateSeriesList();
        var result = Call("sumSeries", new List<TimeSeries> { list[0], list[1] });
        var s = Assert.Single(result);
        AssertSeries(s, "sumSeries(collectd.test-db1.load.value,collectd.test-db2.load.value)", 0, 101, 1,
            Range101.Select(v => v * 2).ToArray());
        Assert.Equal(s.Name, s.PathExpression);
    }

    [Fact]
    public void Sum_alias_gives_the_long_name()
    {
        var list = GenerateSeriesList();
        var s = Assert.Single(Call("sum", new List<TimeSeries> { list[0] }, new List<TimeSeries> { list[1] }));
        Assert.Equal("sumSeries(collectd.test-db1.load.value,collectd.test-db2.load.value)", s.Name);
        AssertTags(s, ("name", s.Name), ("aggregatedBy", "sum"));
    }

    [Theory]
    [InlineData("averageSeries", "averageSeries", "average")]
    [InlineData("avg", "averageSeries", "average")]
    [InlineData("minSeries", "minSeries", "min")]
    [InlineData("maxSeries", "maxSeries", "max")]
    public void Same_inputs_give_the_input_values(string function, string prefix, string aggregatedBy)
    {
        var list = GenerateSeriesList();
        var s = Assert.Single(Call(function, new List<TimeSeries> { list[0], list[1] }));
        AssertSeries(s, $"{prefix}(collectd.test-db1.load.value,collectd.test-db2.load.value)", 0, 101, 1, Range101);
        Assert.Equal(aggregatedBy, s.Tags["aggregatedBy"]);
    }

    [Fact]
    public void DiffSeries_subtracts_later_series_from_the_first()
    {
        var list = GenerateSeriesList();
        var s = Assert.Single(Call("diffSeries", new List<TimeSeries> { list[0], list[1] }));
        AssertSeries(s, "diffSeries(collectd.test-db1.load.value,collectd.test-db2.load.value)", 0, 101, 1, new double[101]);

        var a = Series("a", 0, 1, 10, N, 5, N);
        var b = Series("b", 0, 1, 3, 4, N, N);
        AssertValues([7, 4, 5, N], Assert.Single(Call("diffSeries", new List<TimeSeries> { a, b })).Values);
    }

    [Fact]
    public void StddevSeries_and_rangeOfSeries()
    {
        var list = GenerateSeriesList();
        AssertValues(new double[101], Assert.Single(Call("stddevSeries", new List<TimeSeries> { list[0], list[1] })).Values);
        var r = Assert.Single(Call("rangeOfSeries", new List<TimeSeries> { Series("a", 0, 1, 1, 5, N), Series("b", 0, 1, 4, 2, N) }));
        Assert.Equal("rangeOfSeries(a,b)", r.Name);
        Assert.Equal("rangeOf", r.Tags["aggregatedBy"]);
        AssertValues([3, 3, N], r.Values);
    }

    [Fact]
    public void Empty_input_gives_nothing()
    {
        Assert.Empty(Call("sumSeries", new List<TimeSeries>()));
        Assert.Empty(Call("sumSeries"));
    }

    [Fact]
    public void Tags_are_the_intersection_plus_aggregatedBy()
    {
        // test_functions.py test_aggregate_tags
        var used1 = Series("disk.bytes_used;server=server1", 0, 1, 10, 20, 30);
        var free1 = Series("disk.bytes_free;server=server1", 0, 1, 90, 80, 70);
        var s = Assert.Single(Call("sumSeries", new List<TimeSeries> { used1, free1 }));
        AssertSeries(s, "sumSeries(disk.bytes_used;server=server1,disk.bytes_free;server=server1)", 0, 3, 1, 100, 100, 100);
        AssertTags(s, ("server", "server1"), ("name", s.Name), ("aggregatedBy", "sum"));

        var used2 = Series("disk.bytes_used;server=server2", 0, 1, 90, 80, 70);
        var t = Assert.Single(Call("sumSeries", new List<TimeSeries> { used1, used2 }));
        AssertTags(t, ("name", "disk.bytes_used"), ("aggregatedBy", "sum"));
    }

    [Fact]
    public void Path_expressions_are_deduplicated_in_order()
    {
        var a = Series("srv.a.cpu", 0, 60, 1, 2);
        var b = Series("srv.b.cpu", 0, 60, 3, 4);
        a.PathExpression = b.PathExpression = "srv.*.cpu";
        var c = Series("srv.c.cpu", 0, 60, 5, 6);
        var s = Assert.Single(Call("sumSeries", new List<TimeSeries> { a, b }, new List<TimeSeries> { c }));
        Assert.Equal("sumSeries(srv.*.cpu,srv.c.cpu)", s.Name);
        AssertValues([9, 12], s.Values);
    }

    [Fact]
    public void Different_steps_are_normalized_to_the_lcm()
    {
        // test_normalize_different_steps: 31 points at 120 s and 120 points at 30 s -> step 120, end 3720.
        var coarse = Series("test.1", 0, 120, Enumerable.Range(1, 31).Select(i => (double)i).ToArray());
        var fine = Series("test.2", 0, 30, Enumerable.Range(1, 120).Select(i => (double)i).ToArray());
        var s = Assert.Single(Call("sumSeries", new List<TimeSeries> { coarse, fine }));
        Assert.Equal((0L, 3720L, 120L), (s.Start, s.End, s.Step));
        Assert.Equal(31, s.Values.Length);
        // fine consolidated by average: (1+2+3+4)/4 = 2.5, then 6.5, ...; the 31st row has only the coarse value.
        Assert.Equal(1 + 2.5, s.Values[0]);
        Assert.Equal(2 + 6.5, s.Values[1]);
        Assert.Equal(31, s.Values[30]);
    }

    [Fact]
    public void Xfilesfactor_of_the_request_nulls_sparse_rows()
    {
        var a = Series("a", 0, 1, 1, N, N);
        var b = Series("b", 0, 1, 1, 2, N);
        var ctx = Context(xFilesFactor: 0.6);
        var s = Assert.Single(CallIn(ctx, "sumSeries", new List<TimeSeries> { a, b }));
        AssertValues([2, N, N], s.Values);
        Assert.Equal(0.6, s.XFilesFactor);
    }
}
