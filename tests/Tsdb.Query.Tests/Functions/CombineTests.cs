using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>asPercent, divideSeries, groupByNode(s): test_functions.py expectations and spec §11.2 items 16, 20, 21.</summary>
public class CombineTests
{
    private static readonly double[][] Data =
    [
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
        [N, 2, N, 4, N, 6, N, 8, N, 10, N, 12, N, 14, N, 16, N, 18, N, 20],
        [1, 2, N, N, N, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, N, N, N],
        [1, 2, 3, 4, N, 6, N, N, 9, 10, 11, N, 13, N, N, N, N, 18, 19, 20],
        [1, 2, N, N, N, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, N, N],
    ];

    /// <summary>The upstream helper's series: start 0, end 1, step 1, 20 values each.</summary>
    private static List<TimeSeries> Gen(string[] names, double[][] data)
        => names.Select((n, i) => new TimeSeries(n, 0, 1, 1, (double[])data[i].Clone(), n)).ToList();

    private static string Db(int i, string leaf = "value") => $"collectd.test-db{i}.load.{leaf}";

    private static double[] Rounded(TimeSeries s) => s.Values.Select(v => Math.Round(v, 2)).ToArray();

    [Fact]
    public void AsPercent_without_total_uses_the_sum()
    {
        // test_asPercent_no_seriesList2
        var list = Gen(Enumerable.Range(1, 5).Select(i => Db(i)).ToArray(), Data);
        var result = Call("asPercent", list);
        string sum = "sumSeries(" + string.Join(",", Enumerable.Range(1, 5).Select(i => Db(i))) + ")";
        Assert.Equal(5, result.Count);
        Assert.Equal($"asPercent({Db(1)},{sum})", result[0].Name);
        AssertValues([25.0, 20.0, 50.0, 33.33, 100.0, 20.0, 33.33, 25.0, 25.0, 20.0, 25.0, 25.0, 25.0, 25.0, 33.33, 25.0, 33.33, 25.0, 50.0, 33.33], Rounded(result[0]));
        AssertValues([N, 20.0, N, 33.33, N, 20.0, N, 25.0, N, 20.0, N, 25.0, N, 25.0, N, 25.0, N, 25.0, N, 33.33], Rounded(result[1]));
        Assert.Equal((0L, 1L, 1L), (result[0].Start, result[0].End, result[0].Step));
        AssertTags(result[0], ("name", result[0].Name));
        Assert.Equal(result[0].Name, result[0].PathExpression);
    }

    [Fact]
    public void AsPercent_numeric_total_and_single_total_series()
    {
        var list = new List<TimeSeries> { Series("a", 0, 60, 7, N, 50), Series("b", 0, 60, 0, 1, 2) };
        var byNumber = Call("pct", list, 100L);
        Assert.Equal("asPercent(a,100)", byNumber[0].Name);
        AssertValues([7.000000000000001, N, 50], byNumber[0].Values);
        Assert.Equal("asPercent(a,50.5)", Call("asPercent", list, 50.5)[0].Name);

        var total = new List<TimeSeries> { Series("t", 0, 60, 10, 10, 0) };
        var single = Call("asPercent", list, total);
        Assert.Equal(["asPercent(a,t)", "asPercent(b,t)"], single.Select(s => s.Name));
        AssertValues([70, N, N], single[0].Values);
        AssertValues([0, 10, N], single[1].Values);
    }

    [Fact]
    public void AsPercent_equal_counts_pair_after_sorting_by_name_and_other_counts_fail()
    {
        var list = new List<TimeSeries> { Series("b", 0, 60, 1), Series("a", 0, 60, 1) };
        var totals = new List<TimeSeries> { Series("t2", 0, 60, 4), Series("t1", 0, 60, 2) };
        var result = Call("asPercent", list, totals);
        Assert.Equal(["asPercent(a,t1)", "asPercent(b,t2)"], result.Select(s => s.Name));
        AssertValues([50], result[0].Values);
        AssertValues([25], result[1].Values);

        var three = new List<TimeSeries> { Series("t1", 0, 60, 1), Series("t2", 0, 60, 1), Series("t3", 0, 60, 1) };
        Assert.Throws<QueryException>(() => Call("asPercent", list, three));
        Assert.Empty(Call("asPercent", new List<TimeSeries>(), 100L));
    }

    [Fact]
    public void AsPercent_by_nodes_with_total_series()
    {
        // test_asPercent_seriesList2_nodes_total (a subset: db1, db5 with two totals, db6 and db7 missing a side)
        var list = Gen([Db(1), Db(5), Db(1, "avg"), Db(6, "avg")], [Data[0], Data[4], Data[0], Data[4]]);
        var totals = Gen([Db(1, "total"), Db(5, "total"), Db(5, "total2"), Db(7, "total")], [Data[0], Data[4], Data[4], Data[4]]);
        var result = Call("asPercent", list, totals, 1L);
        Assert.Equal(
        [
            $"asPercent({Db(1)},{Db(1, "total")})",
            $"asPercent({Db(1, "avg")},{Db(1, "total")})",
            $"asPercent({Db(5)},sumSeries({Db(5, "total")},{Db(5, "total2")}))",
            $"asPercent({Db(6, "avg")},MISSING)",
            $"asPercent(MISSING,{Db(7, "total")})",
        ], result.Select(s => s.Name));
        AssertValues(Enumerable.Repeat(100.0, 20).ToArray(), result[0].Values);
        AssertValues([50.0, 50.0, N, N, N, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, 50.0, N, N], result[2].Values);
        AssertValues(Enumerable.Repeat(N, 20).ToArray(), result[3].Values);
        AssertValues(Enumerable.Repeat(N, 20).ToArray(), result[4].Values);
        Assert.All(result, s => Assert.Equal((0L, 1L, 1L), (s.Start, s.End, s.Step)));
    }

    [Fact]
    public void AsPercent_by_nodes_without_total_sums_each_group()
    {
        // test_asPercent_seriesList2_nodes_no_total (db1 pair and the single db5)
        var list = Gen([Db(1), Db(5), Db(1, "avg")], [Data[0], Data[4], Data[0]]);
        var result = Call("asPercent", list, null, 1L);
        Assert.Equal(
        [
            $"asPercent({Db(1)},sumSeries({Db(1)},{Db(1, "avg")}))",
            $"asPercent({Db(1, "avg")},sumSeries({Db(1)},{Db(1, "avg")}))",
            $"asPercent({Db(5)},{Db(5)})",
        ], result.Select(s => s.Name));
        AssertValues(Enumerable.Repeat(50.0, 20).ToArray(), result[0].Values);
        AssertValues([100.0, 100.0, N, N, N, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, 100.0, N, N], result[2].Values);
        Assert.Throws<QueryException>(() => Call("asPercent", list, 1000L, 1L));
    }

    [Fact]
    public void DivideSeries_by_one_divisor()
    {
        // test_divideSeries_seriesList2_single
        var list = Gen(Enumerable.Range(1, 5).Select(i => Db(i)).ToArray(), Data);
        var divisor = Gen([Db(1)], [Data[0]]);
        var result = Call("divideSeries", list, divisor);
        Assert.Equal($"divideSeries({Db(2)},{Db(1)})", result[1].Name);
        AssertValues([N, 1, N, 1, N, 1, N, 1, N, 1, N, 1, N, 1, N, 1, N, 1, N, 1], result[1].Values);
        Assert.Equal((0L, 1L, 1L), (result[1].Start, result[1].End, result[1].Step));
        AssertTags(result[1], ("name", result[1].Name));
    }

    [Fact]
    public void DivideSeries_zero_missing_and_too_many_divisors()
    {
        var a = new List<TimeSeries> { Series("a", 0, 60, 1, 2, N) };
        AssertValues([N, 1, N], Call("divideSeries", a, new List<TimeSeries> { Series("d", 0, 60, 0, 2, 2) })[0].Values);

        var missing = Assert.Single(Call("divideSeries", a, new List<TimeSeries>()));
        AssertSeries(missing, "divideSeries(a,MISSING)", 0, 180, 60, N, N, N);
        AssertTags(missing, ("name", "a"));

        Assert.Throws<QueryException>(() => Call("divideSeries", a, new List<TimeSeries> { Series("d1", 0, 60, 1), Series("d2", 0, 60, 1) }));
    }

    [Fact]
    public void DivideSeries_normalizes_steps()
    {
        var a = new List<TimeSeries> { Series("a", 0, 30, 2, 4, 6, 8) };
        var d = new List<TimeSeries> { Series("d", 0, 60, 3, 7) };
        var s = Assert.Single(Call("divideSeries", a, d));
        AssertSeries(s, "divideSeries(a,d)", 0, 120, 60, 1, 1);
    }

    private static List<TimeSeries> MrSeries() =>
    [
        Series("group.server1.metric1", 0, 1, N),
        Series("group.server1.metric2", 0, 1, N),
        Series("group.server2.metric1", 0, 1, N),
        Series("group.server2.metric2", 0, 1, N),
    ];

    [Fact]
    public void GroupByNode_with_a_series_function_callback()
    {
        // test_groupByNode
        Assert.Equal(["group"], Call("groupByNode", MrSeries(), 0L, "keepLastValue").Select(s => s.Name));
        Assert.Equal(["server1", "server2"], Call("groupByNode", MrSeries(), 1L, "keepLastValue").Select(s => s.Name));
        foreach (var name in new[] { "collectd.test-db1.load.value", "sum(collectd.test-db1.load.value)",
                     "divide(collectd.test-db1.load.value, 5)", "scaleToSeconds(divide(collectd.test-db1.load.value, 5),1)" })
        {
            var r = Assert.Single(Call("groupByNode", new List<TimeSeries> { Series(name, 0, 1, 1) }, 3L, "keepLastValue"));
            Assert.Equal("value", r.Name);
            AssertValues([1], r.Values);
        }
    }

    [Fact]
    public void GroupByNode_sums_with_aggregate_naming_and_tags()
    {
        var list = new List<TimeSeries>
        {
            Series("srv.a.cpu", 0, 60, 1, 2), Series("srv.b.cpu", 0, 60, 3, N), Series("srv.a.mem", 0, 60, 5, 6),
        };
        foreach (var s in list) s.PathExpression = "srv.*.*";
        var result = Call("groupByNode", list, 2L, "sumSeries");
        Assert.Equal(["cpu", "mem"], result.Select(s => s.Name));
        AssertValues([4, 2], result[0].Values);
        AssertTags(result[0], ("name", "sumSeries(srv.*.*)"), ("aggregatedBy", "sum"));
        AssertTags(result[1], ("name", "srv.a.mem"), ("aggregatedBy", "sum"));
        Assert.Equal("sumSeries(srv.*.*)", result[0].PathExpression);

        var viaAlias = Call("groupByNode", list, 2L, "sum");
        AssertTags(viaAlias[0], ("name", "sumSeries(srv.*.*)"), ("aggregatedBy", "sum"));
        var byDefault = Call("groupByNode", list, 2L);
        AssertValues([2, 2], byDefault[0].Values);
        AssertTags(byDefault[0], ("name", "averageSeries(srv.*.*)"), ("aggregatedBy", "average"));
    }

    [Fact]
    public void GroupByNodes_keys_join_nodes()
    {
        // test_groupByNodes
        Assert.Equal(["server1.metric1", "server1.metric2", "server2.metric1", "server2.metric2"],
            Call("groupByNodes", MrSeries(), "keepLastValue", 1L, 2L).Select(s => s.Name));
        Assert.Equal(["server1.group", "server2.group"], Call("groupByNodes", MrSeries(), "range", 1L, 0L).Select(s => s.Name));
        Assert.Equal([""], Call("groupByNodes", MrSeries(), "sum").Select(s => s.Name));
    }
}
