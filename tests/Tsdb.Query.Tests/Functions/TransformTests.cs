using Tsdb.Query.Functions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>scale, offset, derivatives, perSecond, keepLastValue, transformNull, consolidateBy, constantLine:
/// test_functions.py expectations and spec §11.2.</summary>
public class TransformTests
{
    private static List<TimeSeries> One(string name, long start, long step, params double[] values)
        => [Series(name, start, step, values)];

    [Fact]
    public void Scale_names_with_g_and_tags_with_float_text()
    {
        var s = Assert.Single(Call("scale", One("srv.a.cpu", 0, 60, 1, N, 2.5), 10.0));
        AssertSeries(s, "scale(srv.a.cpu,10)", 0, 180, 60, 10, N, 25);
        Assert.Equal("scale(srv.a.cpu,10)", s.PathExpression);
        AssertTags(s, ("name", "srv.a.cpu"), ("scale", "10.0"));
        Assert.Equal("scale(x,0.5)", Call("scale", One("x", 0, 1, 1), 0.5)[0].Name);
    }

    [Fact]
    public void Aggregating_scaled_series_names_the_members()
    {
        var list = new List<TimeSeries> { Series("srv.db1.cpu", 0, 60, 1), Series("srv.web1.cpu", 0, 60, 2) };
        foreach (var s in list) s.PathExpression = "srv.*.cpu";
        var scaled = Call("scale", list, 2.0);
        var sum = Assert.Single(Call("sumSeries", scaled));
        Assert.Equal("sumSeries(scale(srv.db1.cpu,2),scale(srv.web1.cpu,2))", sum.Name);

        var aliased = Call("aliasByNode", list, 1L);
        Assert.Equal("sumSeries(srv.*.cpu)", Assert.Single(Call("sumSeries", aliased)).Name);
    }

    [Fact]
    public void Offset_adds_to_non_null_values()
    {
        // test_offset
        var s = Assert.Single(Call("offset", One("collectd.test-db1.load.value", 0, 1, -10, -9, N, 0, 10), 10.0));
        AssertSeries(s, "offset(collectd.test-db1.load.value,10)", 0, 5, 1, 0, 1, N, 10, 20);
        AssertTags(s, ("name", "collectd.test-db1.load.value"), ("offset", "10.0"));
    }

    [Fact]
    public void Derivative_nulls_around_gaps()
    {
        // test_derivative
        var s = Assert.Single(Call("derivative", One("test", 0, 60, N, 1, 2, 3, 4, 5, N, 6, 7, 8)));
        AssertSeries(s, "derivative(test)", 0, 600, 60, N, N, 1, 1, 1, 1, N, N, 1, 1);
        Assert.Equal("derivative(test)", s.PathExpression);
        AssertTags(s, ("name", "test"), ("derivative", "1"));
    }

    [Fact]
    public void NonNegativeDerivative_upstream_cases()
    {
        AssertValues([N, N, 1, 1, 1, 1, N, N, N, N],
            Call("nonNegativeDerivative", One("test", 0, 60, N, 1, 2, 3, 4, 5, N, 3, 2, 1))[0].Values);
        AssertValues([N, 1, 1, 1, 1, 1, 1, 1, 1, 1],
            Call("nonNegativeDerivative", One("test", 0, 60, 0, 1, 2, 3, 4, 5, 0, 1, 2, 3), 5.0)[0].Values);
        AssertValues([N, N, 1, 1, 1, 1, 1, 1, 1, 1],
            Call("nonNegativeDerivative", One("test", 0, 60, 0, 1, 2, 3, 4, 5, 2, 3, 4, 5), null, 1.0)[0].Values);
        var minMax = Assert.Single(Call("nonNegativeDerivative", One("test", 0, 60, 0, 1, 2, 3, 4, 5, 2, 3, 4, 5), 6.0, 1.0));
        AssertSeries(minMax, "nonNegativeDerivative(test)", 0, 600, 60, N, N, 1, 1, 1, 1, 3, 1, 1, 1);
        AssertTags(minMax, ("name", "test"), ("nonNegativeDerivative", "1"));
    }

    [Fact]
    public void NonNegativeDerivative_null_with_max_resets_instead_of_failing()
    {
        AssertValues([N, 1, N, N, 1],
            Call("nonNegativeDerivative", One("test", 0, 60, 0, 1, N, 3, 4), 10.0)[0].Values);
    }

    [Fact]
    public void PerSecond_upstream_cases()
    {
        // test_perSecond (without the 60**256 overflow point), test_perSecond_float/nones/max
        var s = Assert.Single(Call("perSecond", One("test", 0, 60, 0, 120, 240, 480, 960, 1920, 3840, 7680, 15360)));
        AssertSeries(s, "perSecond(test)", 0, 540, 60, N, 2, 2, 4, 8, 16, 32, 64, 128);
        AssertTags(s, ("name", "test"), ("perSecond", "1"));
        AssertValues([N, 1.5, 1.6, 1.75, 2, 2.5, 3.1, 6.5, 3.333333],
            Call("perSecond", One("test", 0, 60, 0, 90, 186, 291, 411, 561, 747, 136, 336), 1000.0)[0].Values);
        AssertValues([N, 1, N, N, N, N, N, 1, N, N],
            Call("perSecond", One("test", 0, 60, 0, 60, N, 180, N, N, 360, 420, N, 540))[0].Values);
        AssertValues([N, 2, 2, 4, N, N, N, 2, 6, 6],
            Call("perSecond", One("test", 0, 60, 0, 120, 240, 480, 960, 900, 120, 240, 119, 479), 480.0)[0].Values);
    }

    [Fact]
    public void KeepLastValue_fills_runs_up_to_the_limit()
    {
        // test_keepLastValue (limit 2)
        (double[] In, double[] Out)[] cases =
        [
            ([N, 2, N, 4, N, 6], [N, 2, 2, 4, 4, 6]),
            ([1, 2, N, N, N, 6, 7, N, N, N], [1, 2, N, N, N, 6, 7, N, N, N]),
            ([1, 2, 3, 4, N, 6, N, N, 9, 10, 11, N, 13, N, N, N, N, 18], [1, 2, 3, 4, 4, 6, 6, 6, 9, 10, 11, 11, 13, N, N, N, N, 18]),
            ([1, 2, N, N, N, 6, 7, 8, N, N], [1, 2, N, N, N, 6, 7, 8, 8, 8]),
            ([1, N, 3, N, 5, 6, N], [1, 1, 3, 3, 5, 6, 6]),
        ];
        foreach (var (input, output) in cases)
        {
            var s = Assert.Single(Call("keepLastValue", One("collectd.test-db1.load.value", 0, 1, input), 2L));
            Assert.Equal("keepLastValue(collectd.test-db1.load.value)", s.Name);
            AssertValues(output, s.Values);
        }
        AssertValues([N, 1, 1, 1, 1, 2, 2],
            Call("keepLastValue", One("x", 0, 1, N, 1, N, N, N, 2, N))[0].Values);
    }

    [Fact]
    public void TransformNull_default_int_zero_and_explicit_float()
    {
        var s = Assert.Single(Call("transformNull", One("x", 0, 1, 1.5, N, 3)));
        AssertSeries(s, "transformNull(x,0)", 0, 3, 1, 1.5, 0, 3);
        Assert.Equal([false, true, false], s.IntegerValues!);
        AssertTags(s, ("name", "x"), ("transformNull", "0"));

        var f = Assert.Single(Call("transformNull", One("x", 0, 1, N, 2), 5.0));
        AssertSeries(f, "transformNull(x,5)", 0, 2, 1, 5, 2);
        Assert.Null(f.IntegerValues);
        AssertTags(f, ("name", "x"), ("transformNull", "5.0"));
    }

    [Fact]
    public void TransformNull_with_reference_series()
    {
        var reference = new List<TimeSeries> { Series("r1", 0, 1, N, 1, N, N), Series("r2", 0, 1, N, N, N, 4) };
        var s = Assert.Single(Call("transformNull", One("x", 0, 1, N, N, N, N), -1.0, reference));
        AssertSeries(s, "transformNull(x,-1,referenceSeries)", 0, 4, 1, N, -1, N, -1);
        AssertTags(s, ("name", "x"), ("transformNull", "-1.0"), ("referenceSeries", "1"));
    }

    [Fact]
    public void ConsolidateBy_sets_the_function_and_name()
    {
        foreach (var func in new[] { "sum", "average", "avg_zero", "min", "max", "first", "last" })
        {
            var s = Assert.Single(Call("consolidateBy", One("a.b", 0, 1, 1, 2), func));
            Assert.Equal(func, s.ConsolidationFunc);
            Assert.Equal($"consolidateBy(a.b,\"{func}\")", s.Name);
            AssertTags(s, ("name", "a.b"), ("consolidateBy", func));
        }
        Assert.Throws<QueryException>(() => Call("consolidateBy", One("a.b", 0, 1, 1), "median"));
    }

    [Fact]
    public void ConstantLine_three_points_across_the_range()
    {
        var s = Assert.Single(CallIn(Context(from: 1000, until: 4600), "constantLine", 100.0));
        AssertSeries(s, "100.0", 1000, 4600, 1800, 100, 100, 100);
        Assert.Equal("constantLine(100.0)", s.PathExpression);
        AssertTags(s, ("name", "100.0"));
    }
}
