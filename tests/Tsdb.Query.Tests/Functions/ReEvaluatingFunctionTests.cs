using Tsdb.Query.Expressions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>summarize, timeShift and the moving* family: test_functions.py expectations; the re-evaluated
/// first argument is answered by a fake EvaluateInRange that records the requested range.</summary>
public class ReEvaluatingFunctionTests
{
    private static readonly Expression Target = new PathExpression("collectd.test-db0.load.value");
    private static readonly Dictionary<string, Expression> FirstArg = new() { ["seriesList"] = Target };

    [Theory]
    [InlineData("sum", new double[] { 1770, 5370, 8970, 12570, double.NaN }, new double[] { 3540, 10740, 17940, 25140, double.NaN })]
    [InlineData("avg", new double[] { 29.5, 89.5, 149.5, 209.5, double.NaN }, new double[] { 59, 179, 299, 419, double.NaN })]
    [InlineData("last", new double[] { 59, 119, 179, 239, double.NaN }, new double[] { 118, 238, 358, 478, double.NaN })]
    [InlineData("max", new double[] { 59, 119, 179, 239, double.NaN }, new double[] { 118, 238, 358, 478, double.NaN })]
    [InlineData("min", new double[] { 0, 60, 120, 180, double.NaN }, new double[] { 0, 120, 240, 360, double.NaN })]
    public void Summarize_one_minute(string func, double[] used, double[] free)
    {
        // test_summarize_1minute (bytes_used = 0..239, bytes_free = 0,2,..,478, plus an all-null series)
        var list = new List<TimeSeries>
        {
            Series("servers.s1.disk.bytes_used", 0, 1, Enumerable.Range(0, 240).Select(i => (double)i).ToArray()),
            Series("servers.s2.disk.bytes_used", 0, 1, Enumerable.Repeat(N, 240).ToArray()),
            Series("servers.s2.disk.bytes_free", 0, 1, Enumerable.Range(0, 240).Select(i => 2.0 * i).ToArray()),
        };
        var result = Call("summarize", list, "1minute", func);
        AssertSeries(result[0], $"summarize(servers.s1.disk.bytes_used, \"1minute\", \"{func}\")", 0, 300, 60, used);
        AssertValues([N, N, N, N, N], result[1].Values);
        AssertValues(free, result[2].Values);
        Assert.Equal(result[0].Name, result[0].PathExpression);
        AssertTags(result[0], ("name", "servers.s1.disk.bytes_used"), ("summarize", "1minute"), ("summarizeFunction", func));
    }

    [Theory]
    [InlineData(0.0, new double[] { 60, 40, 20, 60, 10 })]
    [InlineData(0.25, new double[] { 60, 40, 20, 60, double.NaN })]
    [InlineData(0.5, new double[] { 60, 40, double.NaN, 60, double.NaN })]
    [InlineData(0.75, new double[] { 60, double.NaN, double.NaN, 60, double.NaN })]
    [InlineData(1.0, new double[] { 60, double.NaN, double.NaN, 60, double.NaN })]
    public void Summarize_align_to_from_and_series_xfilesfactor(double xff, double[] expected)
    {
        // test_summarize_xFilesFactor
        var values = Enumerable.Repeat(1.0, 100).Concat(Enumerable.Repeat(N, 60)).Concat(Enumerable.Repeat(1.0, 90)).ToArray();
        var s = Series("collectd.test-db0.load.value", 0, 1, values);
        s.XFilesFactor = xff;
        var r = Assert.Single(Call("summarize", new List<TimeSeries> { s }, "1minute", "sum", true));
        AssertSeries(r, "summarize(collectd.test-db0.load.value, \"1minute\", \"sum\", true)", 0, 300, 60, expected);
        Assert.Equal(xff, r.XFilesFactor);
    }

    [Fact]
    public void Summarize_epoch_aligned_buckets_for_an_unaligned_start()
    {
        var s = Series("a", 90, 30, 1, 2, 3, 4, 5);   // t = 90..210
        var r = Assert.Single(Call("summarize", new List<TimeSeries> { s }, "2min"));
        AssertSeries(r, "summarize(a, \"2min\", \"sum\")", 0, 360, 120, 1, 14, N);
    }

    [Fact]
    public void TimeShift_reevaluates_the_shifted_range_and_relabels()
    {
        // test_timeShift: request 600..1200, "-10minutes" fetches 0..600.
        var shifted = Series("test.value", 0, 60, N, N, N, 3, N, 5, 6, N, 7, N, N);
        (long, long)? asked = null;
        var ctx = Context(600, 1200, (e, f, u) => { asked = (f, u); Assert.Equal("test.value", e.Text); return [shifted]; });
        var input = Series("test.value", 600, 60, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var exprs = new Dictionary<string, Expression> { ["seriesList"] = new PathExpression("test.value") };
        var r = Assert.Single(CallWith(ctx, "timeShift", exprs, new List<TimeSeries> { input }, "-10minutes"));
        Assert.Equal((0L, 600L), asked);
        AssertSeries(r, "timeShift(test.value, \"-10minutes\")", 600, 1200, 60, N, N, N, 3, N, 5, 6, N, 7, N, N);
        AssertTags(r, ("name", "test.value"), ("timeShift", "-10minutes"));
        Assert.Equal("test.value", r.PathExpression);
    }

    [Fact]
    public void TimeShift_digit_means_past_and_reset_end_false_keeps_length()
    {
        var shifted = Series("test.value", 1200, 60, N, N, N, 3, N, 5, 6, N, 7, N, N, 8);
        (long, long)? asked = null;
        var ctx = Context(600, 1200, (e, f, u) => { asked = (f, u); return [shifted]; });
        var input = Series("test.value", 600, 60, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var r = Assert.Single(CallWith(ctx, "timeShift", new Dictionary<string, Expression> { ["seriesList"] = Target },
            new List<TimeSeries> { input }, "+10minutes", false));
        Assert.Equal((1200L, 1800L), asked);
        AssertSeries(r, "timeShift(test.value, \"+10minutes\")", 600, 1320, 60, N, N, N, 3, N, 5, 6, N, 7, N, N, 8);

        var past = Assert.Single(CallWith(Context(600, 1200, (e, f, u) => { asked = (f, u); return [shifted]; }), "timeShift",
            FirstArg, new List<TimeSeries> { input }, "1d"));
        Assert.Equal((600L - 86400, 1200L - 86400), asked);
        Assert.Equal("timeShift(test.value, \"-1d\")", past.Name);
    }

    [Fact]
    public void TimeShift_without_original_series_gives_nothing()
        => Assert.Empty(CallWith(Context(600, 1200), "timeShift", FirstArg, new List<TimeSeries>(), "-10minutes"));

    [Fact]
    public void MovingAverage_integer_window_refetches_and_excludes_the_current_point()
    {
        // test_movingAverage_integerWindowSize: window 60 at step 1 fetches 60 s earlier.
        (long, long)? asked = null;
        var preview = Series("collectd.test-db0.load.value", 600, 1, Enumerable.Range(0, 100).Select(i => (double)i).ToArray());
        var ctx = Context(660, 760, (e, f, u) => { asked = (f, u); return [preview]; });
        var input = Series("collectd.test-db0.load.value", 610, 1, Enumerable.Range(10, 100).Select(i => (double)i).ToArray());
        var r = Assert.Single(CallWith(ctx, "movingAverage", FirstArg, new List<TimeSeries> { input }, 60L));
        Assert.Equal((600L, 760L), asked);
        AssertSeries(r, "movingAverage(collectd.test-db0.load.value,60)", 660, 700, 1,
            Enumerable.Range(0, 40).Select(i => 29.5 + i).ToArray());
        Assert.Equal(r.Name, r.PathExpression);
        AssertTags(r, ("name", "collectd.test-db0.load.value"), ("movingAverage", "60"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(60)]
    public void MovingAverage_and_sum_of_a_series_no_longer_than_the_window_have_no_values(int length)
    {
        // range(windowPoints, len(series)) is empty: graphite-web appends nothing.
        var preview = Series("collectd.test-db0.load.value", 600, 1, Enumerable.Range(0, length).Select(i => (double)i).ToArray());
        var ctx = Context(660, 760, (e, f, u) => [preview]);
        var input = Series("collectd.test-db0.load.value", 660, 1, 1);
        foreach (var func in new[] { "movingAverage", "movingSum" })
            Assert.Empty(Assert.Single(CallWith(ctx, func, FirstArg, new List<TimeSeries> { input }, 60L)).Values);
    }

    [Fact]
    public void MovingAverage_interval_window()
    {
        // test_movingAverage_stringWindowSize
        var preview = Series("collectd.test-db0.load.value", 600, 1, Enumerable.Range(0, 100).Select(i => (double)i).ToArray());
        var ctx = Context(660, 760, (e, f, u) => [preview]);
        var input = Series("collectd.test-db0.load.value", 610, 1, 1);
        var r = Assert.Single(CallWith(ctx, "movingAverage", FirstArg, new List<TimeSeries> { input }, "-1min"));
        AssertSeries(r, "movingAverage(collectd.test-db0.load.value,\"-1min\")", 660, 700, 1,
            Enumerable.Range(0, 40).Select(i => 29.5 + i).ToArray());
        AssertTags(r, ("name", "collectd.test-db0.load.value"), ("movingAverage", "-1min"));
    }

    [Fact]
    public void MovingAverage_half_null_preview()
    {
        // test_movingAverage_evaluateTarget_returns_half_none
        var preview = Series("collectd.test-db0.load.value", 10, 1,
            Enumerable.Repeat(N, 10).Concat(Enumerable.Range(0, 10).Select(i => (double)i)).ToArray());
        var input = Series("collectd.test-db0.load.value", 20, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        var r = Assert.Single(CallWith(Context(20, 30, (e, f, u) => [preview]), "movingAverage", FirstArg,
            new List<TimeSeries> { input }, 10L));
        AssertSeries(r, "movingAverage(collectd.test-db0.load.value,10)", 20, 30, 1, N, 0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4);
    }

    [Fact]
    public void MovingAverage_empty_input_or_preview_gives_nothing()
    {
        Assert.Empty(CallWith(Context(), "movingAverage", FirstArg, new List<TimeSeries>(), 5L));
        Assert.Empty(CallWith(Context(0, 100, (e, f, u) => []), "movingAverage", FirstArg,
            new List<TimeSeries> { Series("a", 0, 1, 1) }, 60L));
    }

    [Fact]
    public void Moving_family_and_xfilesfactor()
    {
        var preview = Series("a", 0, 1, 4, N, 1, 3, 2);
        var input = new List<TimeSeries> { Series("a", 2, 1, 1, 3, 2) };
        EvaluateCtx ctx = () => Context(2, 5, (e, f, u) => [preview]);
        AssertValues([4, 1, 1], CallWith(ctx(), "movingMin", FirstArg, input, 2L)[0].Values);
        AssertValues([4, 1, 3], CallWith(ctx(), "movingMax", FirstArg, input, 2L)[0].Values);
        AssertValues([4, 1, 4], CallWith(ctx(), "movingSum", FirstArg, input, 2L)[0].Values);
        AssertValues([4, 1, 2], CallWith(ctx(), "movingMedian", FirstArg, input, 2L)[0].Values);
        AssertValues([N, N, 4], CallWith(ctx(), "movingSum", FirstArg, input, 2L, 0.6)[0].Values);
        var w = Assert.Single(CallWith(ctx(), "movingWindow", FirstArg, input, 2L, "max"));
        Assert.Equal("movingMax(a,2)", w.Name);
        AssertTags(w, ("name", "a"), ("movingMax", "2"));
        Assert.Equal("movingAvg_zero(a,2)", CallWith(ctx(), "movingWindow", FirstArg, input, 2L, "avg_zero")[0].Name);
    }

    [Theory]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("last")]
    public void Moving_picks_are_ints_where_the_value_picked_is(string func)
    {
        // Few distinct values, so equal ints and floats meet in a window: of equal extremes the first is the pick.
        const int n = 7, length = 300;
        var random = new Random(11);
        var raw = Enumerable.Range(0, length).Select(_ => random.Next(6) == 0 ? N : random.Next(4)).ToArray();
        var marks = raw.Select(_ => random.Next(2) == 0).ToArray();
        var preview = Series("a", 0, 1, raw);
        preview.IntegerValues = marks;
        var input = new List<TimeSeries> { Series("a", n, 1, raw[n..]) };
        var result = Assert.Single(CallWith(Context(n, length, (e, f, u) => [preview]), "movingWindow", FirstArg, input, (long)n, func));
        Assert.Equal(length - n, result.Values.Length);
        for (int k = 0; k < result.Values.Length; k++)
        {
            int picked = Tsdb.Query.Functions.Support.IntegerMarks.PickedIndex(func, raw, k, n);
            Assert.Equal(picked >= 0 ? raw[picked] : N, result.Values[k]);
            Assert.True(picked >= 0 && marks[picked] == result.IntegerValues![k], $"window {k}");
        }
    }

    private delegate Tsdb.Query.Evaluation.EvaluationContext EvaluateCtx();
}
