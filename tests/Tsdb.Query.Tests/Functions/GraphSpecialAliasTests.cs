using Tsdb.Query.Expressions;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>Graph options, Special and Alias functions (expectations from graphite-web test_functions.py).</summary>
public class GraphSpecialAliasTests
{
    private static List<TimeSeries> Four() =>
    [
        Series("collectd.test-db1.load.value", 0, 60, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        Series("collectd.test-db2.load.value", 0, 60, N, N, N, N, N, N, N, N, N, N),
        Series("collectd.test-db3.load.value", 0, 60, 1, 2, N, N, N, 6, 7, 8, 9, 10),
        Series("collectd.test-db4.load.value", 0, 60, 1, 2, 3, 4, 5, 6, 7, 8, 9, N),
    ];

    [Fact]
    public void Option_setters_keep_names_and_values()
    {
        var a = Assert.Single(Call("alpha", Four().Take(1).ToList(), 0.5));
        Assert.Equal("collectd.test-db1.load.value", a.Name);
        Assert.Equal(0.5, a.Options["alpha"]);
        Assert.Equal("red", Call("color", Four(), "red")[1].Options["color"]);
        Assert.Equal(2.5, Call("lineWidth", Four(), 2.5)[3].Options["lineWidth"]);
    }

    [Fact]
    public void Renaming_option_setters()
    {
        // test_dashed, test_dashed_default, test_dashed_float
        var dashed = Call("dashed", Four(), 3L);
        Assert.Equal("dashed(collectd.test-db1.load.value, 3)", dashed[0].Name);
        Assert.Equal("collectd.test-db1.load.value", dashed[0].PathExpression);
        Assert.Equal(3L, dashed[0].Options["dashed"]);
        AssertTags(dashed[0], ("name", "collectd.test-db1.load.value"), ("dashed", "3"));
        Assert.Equal("dashed(collectd.test-db2.load.value, 5)", Call("dashed", Four())[1].Name);
        Assert.Equal("dashed(collectd.test-db2.load.value, 3.5)", Call("dashed", Four(), 3.5)[1].Name);
        var second = Call("secondYAxis", Four())[0];
        Assert.Equal("secondYAxis(collectd.test-db1.load.value)", second.Name);
        Assert.Equal(true, second.Options["secondYAxis"]);
        var inf = Call("drawAsInfinite", Four())[0];
        Assert.Equal("drawAsInfinite(collectd.test-db1.load.value)", inf.Name);
        AssertTags(inf, ("name", "collectd.test-db1.load.value"), ("drawAsInfinite", "1"));
    }

    [Fact]
    public void Stacked_running_totals()
    {
        // test_stacked: db1 + db2 (null) + db3
        var result = Call("stacked", Four().Take(3).ToList());
        AssertSeries(result[0], "stacked(collectd.test-db1.load.value)", 0, 600, 60, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        AssertSeries(result[1], "stacked(collectd.test-db2.load.value)", 0, 600, 60, N, N, N, N, N, N, N, N, N, N);
        AssertSeries(result[2], "stacked(collectd.test-db3.load.value)", 0, 600, 60, 2, 4, N, N, N, 12, 14, 16, 18, 20);
        Assert.Equal(true, result[2].Options["stacked"]);
        AssertTags(result[0], ("name", "collectd.test-db1.load.value"), ("stacked", "__DEFAULT__"));
        // test_stacked_with_name: the name stays
        Assert.Equal("collectd.test-db1.load.value", Call("stacked", Four().Take(1).ToList(), "tx")[0].Name);
    }

    [Fact]
    public void Stacked_totals_stay_ints_until_a_float_is_added()
    {
        // A total starts as the int 0; a null adds nothing, so a later target's int on it is still an int.
        var context = Context();
        var a = Series("a", 0, 60, 1, 2.5, N);
        a.IntegerValues = [true, false, false];
        var b = Series("b", 0, 60, 1, 1, 1);
        b.IntegerValues = [true, true, true];
        Assert.Equal([true, false, false], CallIn(context, "stacked", new List<TimeSeries> { a })[0].IntegerValues!);
        var onTop = Assert.Single(CallIn(context, "stacked", new List<TimeSeries> { b }));
        AssertValues([2, 3.5, 1], onTop.Values);
        Assert.Equal([true, false, true], onTop.IntegerValues!);
        Assert.Null(Call("stacked", new List<TimeSeries> { Series("f", 0, 60, 1.5, N) })[0].IntegerValues);
    }

    [Fact]
    public void AreaBetween_needs_two_series()
    {
        // test_areaBetween
        var result = Call("areaBetween", Four().Take(2).ToList());
        Assert.All(result, s => Assert.Equal("areaBetween(collectd.test-db2.load.value)", s.Name));
        Assert.Equal(true, result[0].Options["invisible"]);
        Assert.Equal(true, result[1].Options["stacked"]);
        Assert.Equal("1", result[0].Tags["areaBetween"]);
        Assert.Throws<QueryException>(() => Call("areaBetween", Four()));
    }

    [Fact]
    public void Threshold_and_verticalLine()
    {
        var t = Assert.Single(CallIn(Context(0, 600), "threshold", 5.0, "limit", "blue"));
        AssertSeries(t, "limit", 0, 600, 300, 5, 5, 5);
        Assert.Equal("blue", t.Options["color"]);
        Assert.Equal("5.0", Call("threshold", 5.0)[0].Name);
        var v = Assert.Single(CallIn(Context(0, 600), "verticalLine", "-5min", "deploy"));
        AssertSeries(v, "deploy", 300, 300, 1, 1, 1);
        Assert.Equal(true, v.Options["drawAsInfinite"]);
        Assert.Throws<QueryException>(() => CallIn(Context(0, 600), "verticalLine", "-20min"));
    }

    [Fact]
    public void CactiStyle_aligns_columns()
    {
        // test_cactiStyle, test_cactiStyle_units
        var plain = Call("cactiStyle", Four());
        Assert.Equal("collectd.test-db1.load.value Current:10.00    Max:10.00    Min:1.00    ", plain[0].Name);
        Assert.Equal("collectd.test-db2.load.value Current:nan      Max:nan      Min:nan     ", plain[1].Name);
        Assert.Equal("collectd.test-db4.load.value Current:9.00     Max:9.00     Min:1.00    ", plain[3].Name);
        var units = Call("cactiStyle", Four(), null, "b");
        Assert.Equal("collectd.test-db1.load.value Current:10.00 b    Max:10.00 b    Min:1.00 b    ", units[0].Name);
        Assert.Equal("collectd.test-db2.load.value Current:nan        Max:nan        Min:nan       ", units[1].Name);
        var si = Call("cactiStyle", new List<TimeSeries> { Series("a", 0, 1, 1500, 2_000_000) }, "si");
        Assert.Equal("a Current:2.00M    Max:2.00M    Min:1.50k    ", si[0].Name);
        Assert.Empty(Call("cactiStyle", new List<TimeSeries>()));
    }

    [Fact]
    public void LegendValue_plain_and_with_units()
    {
        List<TimeSeries> Input() =>
        [
            Series("foo", 0, 1, 10000, 20000, -30000, -40000, N),
            Series("baz", 0, 1, N, N, N, N, N),
        ];
        // test_legendValue_all (values are floats here, as fetched data always is)
        var all = Call("legendValue", Input(), "avg", "total", "min", "max", "last");
        Assert.Equal("foo (avg: -10000.0) (total: -40000.0) (min: -40000.0) (max: 20000.0) (last: -40000.0)", all[0].Name);
        Assert.Equal("baz (avg: None) (total: None) (min: None) (max: None) (last: None)", all[1].Name);
        Assert.Equal("foo (count: 4) (avgSeries: (?))", Call("legendValue", Input(), "count", "avgSeries")[0].Name);
        // test_legendValue_all_si / _binary
        var si = Call("legendValue", Input(), "avg", "total", "si");
        Assert.Equal("foo                 avg  -10.00k   total-40.00k   ", si[0].Name);
        Assert.Equal("baz                 avg  None      totalNone      ", si[1].Name);
        Assert.Equal("foo                 avg  -9.77Ki   ", Call("legendValue", Input(), "avg", "binary")[0].Name);
    }

    [Fact]
    public void Substr_slices_the_inner_path()
    {
        // test_substr, test_substr_function_no_args
        Assert.Equal("test-db1.load", Call("substr", Four(), 1L, 3L)[0].Name);
        Assert.Equal("collectd.test-db1.load.value", Call("substr", Four())[0].Name);
        var inner = new List<TimeSeries> { Series("scale(collectd.test-db1.load.value,2)", 0, 60, 1) };
        Assert.Equal("test-db1.load.value", Call("substr", inner, 1L)[0].Name);
        Assert.Equal("load", Call("substr", Four(), -2L, -1L)[0].Name);
    }

    [Fact]
    public void AliasByTags_and_aliasQuery()
    {
        var tagged = new List<TimeSeries> { Series("cpu;server=s1;dc=x", 0, 60, 1) };
        Assert.Equal("s1.x", Call("aliasByTags", tagged, "server", "dc")[0].Name);
        Assert.Equal("x.cpu", Call("aliasByTags", tagged, "dc", 0L)[0].Name);

        string? query = null;
        var context = Context(evaluateInRange: (e, f, u) =>
        {
            query = e.Text;
            return [Series("channel.frequency.1", 0, 60, 800, 915.5, N)];
        });
        var named = CallIn(context, "aliasQuery", new List<TimeSeries> { Series("channel.power.1", 0, 60, 1) },
            @"channel\.power\.([0-9]+)", @"channel.frequency.\1", "Channel %d MHz");
        Assert.Equal("channel.frequency.1", query);
        Assert.Equal("Channel 915 MHz", named[0].Name);
        Assert.Throws<QueryException>(() => CallIn(Context(evaluateInRange: (e, f, u) => []), "aliasQuery",
            new List<TimeSeries> { Series("a", 0, 60, 1) }, "a", "b", "%d"));
    }

    [Fact]
    public void Cumulative_and_setXFilesFactor()
    {
        var c = Call("cumulative", Four())[0];
        Assert.Equal("consolidateBy(collectd.test-db1.load.value,\"sum\")", c.Name);
        Assert.Equal("sum", c.ConsolidationFunc);
        foreach (var name in new[] { "setXFilesFactor", "xFilesFactor" })
        {
            var x = Call(name, Four(), 0.5)[0];
            Assert.Equal("collectd.test-db1.load.value", x.Name);
            Assert.Equal(0.5, x.XFilesFactor);
            AssertTags(x, ("name", "collectd.test-db1.load.value"), ("xFilesFactor", "0.5"));
        }
    }

    [Fact]
    public void Generators_use_the_request_range()
    {
        // test_sinFunction
        var sin = Assert.Single(CallIn(Context(600, 1200), "sin", "sine test", 10L));
        AssertSeries(sin, "sine test", 600, 1200, 60, 0.4418244833187319, 2.624330297809573, -5.440716964379951,
            7.73928862147125, -9.301280920157128, 9.978032744219705, -9.705134889047493, 8.508560145797974,
            -6.502191365954637, 3.876982770359131);
        AssertSeries(Assert.Single(CallIn(Context(600, 780), "time", "t")), "t", 600, 780, 60, 600, 660, 720);
        var identity = Assert.Single(CallIn(Context(600, 780), "identity", "id"));
        AssertSeries(identity, "id", 600, 780, 60, 600, 660, 720);
        Assert.Equal("identity(\"id\")", identity.PathExpression);
        Assert.All(identity.IntegerValues!, Assert.True);

        var walk = Assert.Single(CallIn(Context(0, 600), "randomWalk", "walk"));
        Assert.Equal(10, walk.Values.Length);
        Assert.Equal(0, walk.Values[0]);
        Assert.True(walk.IntegerValues![0]);
        for (int i = 1; i < 10; i++) Assert.InRange(walk.Values[i] - walk.Values[i - 1], -0.5, 0.5);
        AssertValues(walk.Values, CallIn(Context(0, 600), "randomWalkFunction", "walk")[0].Values);
        Assert.NotEqual(walk.Values, CallIn(Context(0, 600), "randomWalk", "other")[0].Values);
    }

    [Fact]
    public void SeriesByTag_hands_its_call_back_to_the_evaluator()
    {
        var call = (CallExpression)TargetParser.Parse("seriesByTag('name=cpu')");
        var context = Context(evaluateInRange: (e, f, u) => e == call ? [Series("cpu;dc=x", 0, 60, 1)] : []);
        var args = new CallArguments { Call = call };
        args.Set("tagExpressions", new List<object?> { "name=cpu" });
        var result = FunctionRegistry.Default.Find("seriesByTag")!.Evaluate(context, args);
        Assert.Equal("cpu;dc=x", Assert.Single(result).Name);
    }
}
