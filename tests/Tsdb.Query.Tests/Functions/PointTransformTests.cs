using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>Point-wise Transform functions (expectations from graphite-web test_functions.py).</summary>
public class PointTransformTests
{
    private static List<TimeSeries> One(params double[] values) => [Series("a.b", 0, 60, values)];

    [Fact]
    public void Add_names_with_an_int_and_tags_with_the_float()
    {
        var s = Assert.Single(Call("add", One(1, N, 3), 1.5));
        AssertSeries(s, "add(a.b,1)", 0, 180, 60, 2.5, N, 4.5);
        Assert.Equal(s.Name, s.PathExpression);
        AssertTags(s, ("name", "a.b"), ("add", "1.5"));
    }

    [Fact]
    public void Exp_sigmoid_logit()
    {
        AssertSeries(Assert.Single(Call("exp", One(0, N, 1))), "exp(a.b)", 0, 180, 60, 1, N, Math.E);
        AssertTags(Call("exp", One(0))[0], ("name", "a.b"), ("exp", "e"));
        AssertSeries(Assert.Single(Call("sigmoid", One(0, N))), "sigmoid(a.b)", 0, 120, 60, 0.5, N);
        AssertSeries(Assert.Single(Call("logit", One(0.5, 1, 0, 2, N))), "logit(a.b)", 0, 300, 60, 0, N, N, N, N);
        AssertTags(Call("logit", One(0.5))[0], ("name", "a.b"), ("logit", "logit"));
    }

    [Fact]
    public void Pow_squareRoot_invert_use_safe_pow()
    {
        var pow = Assert.Single(Call("pow", One(2, -8, N, 0), 3.0));
        AssertSeries(pow, "pow(a.b,3)", 0, 240, 60, 8, -512, N, 0);
        AssertTags(pow, ("name", "a.b"), ("pow", "3.0"));
        AssertSeries(Call("pow", One(-8), 0.5)[0], "pow(a.b,0.5)", 0, 60, 60, N);
        AssertSeries(Assert.Single(Call("squareRoot", One(4, -4, N))), "squareRoot(a.b)", 0, 180, 60, 2, N, N);
        var invert = Assert.Single(Call("invert", One(4, 0, N)));
        AssertSeries(invert, "invert(a.b)", 0, 180, 60, 0.25, N, N);
        AssertTags(invert, ("name", "a.b"), ("invert", "1"));
    }

    [Fact]
    public void Log_round_and_scaleToSeconds()
    {
        var log = Assert.Single(Call("log", One(100, 0, -1, N, 1000)));
        AssertSeries(log, "log(a.b, 10)", 0, 300, 60, 2, N, N, N, 2.9999999999999996);
        AssertTags(log, ("name", "a.b"), ("log", "10"));
        AssertSeries(Call("log", One(8), 2L)[0], "log(a.b, 2)", 0, 60, 60, 3);

        // test_round / test_round_precision; Python rounds halves to even on the binary value.
        var round = Assert.Single(Call("round", One(1.5, 2.5, 2.675, N)));
        AssertSeries(round, "round(a.b)", 0, 240, 60, 2, 2, 3, N);
        AssertTags(round, ("name", "a.b"), ("round", "0"));
        AssertSeries(Call("round", One(2.675, 1234.5), 2L)[0], "round(a.b,2)", 0, 120, 60, 2.67, 1234.5);
        AssertSeries(Call("round", One(1250, 1351), -2L)[0], "round(a.b,-2)", 0, 120, 60, 1200, 1400);

        var scaled = Assert.Single(Call("scaleToSeconds", One(6, N, 1), 1.0));
        AssertSeries(scaled, "scaleToSeconds(a.b,1)", 0, 180, 60, 0.1, N, 0.016667);
        AssertTags(scaled, ("name", "a.b"), ("scaleToSeconds", "1.0"));
    }

    [Fact]
    public void Delay_shifts_values_both_ways()
    {
        // test_delay, test_delay_too_many_steps, test_delay_negative
        var s = Assert.Single(Call("delay", One(0, 1, 2, 3, N), 2L));
        AssertSeries(s, "delay(a.b,2)", 0, 300, 60, N, N, 0, 1, 2);
        Assert.Equal(s.Name, s.PathExpression);
        AssertTags(s, ("name", "a.b"), ("delay", "2"));
        AssertSeries(Call("delay", One(0, 1, 2), 25L)[0], "delay(a.b,25)", 0, 180, 60, N, N, N);
        AssertSeries(Call("delay", One(N, N, 2, 3), -2L)[0], "delay(a.b,-2)", 0, 240, 60, 2, 3, N, N);
    }

    [Fact]
    public void IntegralByInterval_restarts_each_interval_from_the_request_start()
    {
        // test_integralByInterval
        var input = new List<TimeSeries> { Series("test", 0, 60, N, 1, 2, 3, 4, 5, N, 6, 7, 8) };
        var s = Assert.Single(CallIn(Context(0, 600), "integralByInterval", input, "2min"));
        AssertSeries(s, "integralByInterval(test,'2min')", 0, 600, 60, 0, 1, 2, 5, 4, 9, 0, 6, 7, 15);
        AssertTags(s, ("name", "test"), ("integralByInterval", "2min"));
    }

    [Fact]
    public void Interpolate_fills_interior_gaps_within_the_limit()
    {
        // test_interpolate (db2, db3, db4)
        AssertSeries(Call("interpolate", One(N, 2, N, 4, N, 6))[0], "interpolate(a.b)", 0, 360, 60, N, 2, 3, 4, 5, 6);
        AssertSeries(Call("interpolate", One(1, 2, N, N, N, 6, 7, N, N))[0], "interpolate(a.b)", 0, 540, 60, 1, 2, 3, 4, 5, 6, 7, N, N);
        AssertSeries(Call("interpolate", One(1, N, N, 4, N, 6), 1L)[0], "interpolate(a.b)", 0, 360, 60, 1, N, N, 4, 5, 6);
    }

    [Fact]
    public void Interpolate_keeps_the_ints_it_does_not_fill()
    {
        // 1 + (2 - 1) * 1 / 2 is a true division: the filled value is a float even when whole (4 + 0 * 1 / 2).
        var input = One(1, N, 2, N, N, 4, N, 4, N);
        input[0].IntegerValues = [true, false, true, false, false, false, false, true, false];
        var s = Assert.Single(Call("interpolate", input));
        AssertValues([1, 1.5, 2, 2 + 2.0 / 3, 2 + 4.0 / 3, 4, 4, 4, N], s.Values);
        Assert.Equal([true, false, true, false, false, false, false, true, false], s.IntegerValues!);
    }

    [Fact]
    public void IsNonNull_and_changed_are_ints()
    {
        var nonNull = Assert.Single(Call("isNonNull", One(5, N, 0)));
        AssertSeries(nonNull, "isNonNull(a.b)", 0, 180, 60, 1, 0, 1);
        Assert.All(nonNull.IntegerValues!, Assert.True);
        AssertTags(nonNull, ("name", "a.b"), ("isNonNull", "1"));
        // test_changed
        AssertSeries(Call("changed", One(1, 2, 3, 4, 4, 5, 5, 5, 6, 7))[0], "changed(a.b)", 0, 600, 60, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1);
        var changed = Call("changed", One(N, N, N, N, 0, 0, 0, N, N, 1))[0];
        AssertValues([0, 0, 0, 0, 0, 0, 0, 0, 0, 1], changed.Values);
        Assert.All(changed.IntegerValues!, Assert.True);
    }

    [Fact]
    public void MinMax_and_offsetToZero()
    {
        // test_minMax
        AssertSeries(Call("minMax", One(10, 20, 30, 40, 50))[0], "minMax(a.b)", 0, 300, 60, 0, 0.25, 0.5, 0.75, 1);
        AssertSeries(Call("minMax", One(0, 0, N))[0], "minMax(a.b)", 0, 180, 60, 0, 0, N);
        var zero = Assert.Single(Call("offsetToZero", One(3, N, 5, 4)));
        AssertSeries(zero, "offsetToZero(a.b)", 0, 240, 60, 0, N, 2, 1);
        AssertTags(zero, ("name", "a.b"), ("offsetToZero", "3.0"));
    }
}
