using Tsdb.Query.Expressions;
using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>Calculate functions and the time-range Transform functions (expectations from graphite-web test_functions.py).</summary>
public class CalculateAndTimeTests
{
    private static readonly Dictionary<string, Expression> FirstArg = new() { ["seriesList"] = TargetParser.Parse("test.value") };

    private static List<TimeSeries> Four() =>
    [
        Series("collectd.test-db1.load.value", 0, 60, 1, 2, 3, 4, 5, 4, 3, 5, 6, 7),
        Series("collectd.test-db2.load.value", 0, 60, N, N, N, N, N, N, N, N, N, N),
        Series("collectd.test-db3.load.value", 0, 60, 1, 2, N, N, N, 4, 3, 2, 1, 0),
        Series("collectd.test-db4.load.value", 0, 60, 10, 9, 8, 7, 6, 7, 8, 9, 10, N),
    ];

    [Fact]
    public void AggregateLine_draws_a_constant_line()
    {
        // test_aggregateLine_default
        var result = CallIn(Context(3600, 3660), "aggregateLine", Four());
        AssertSeries(result[0], "aggregateLine(collectd.test-db1.load.value, 4)", 3600, 3660, 30, 4, 4, 4);
        Assert.Equal(result[0].Name, result[0].PathExpression);
        AssertSeries(result[1], "aggregateLine(collectd.test-db2.load.value, None)", 3600, 3660, 30, N, N, N);
        AssertTags(result[1], ("name", "None"));
        AssertTags(result[2], ("name", "1.8571428571428572"));
        AssertSeries(result[2], "aggregateLine(collectd.test-db3.load.value, 1.85714)", 3600, 3660, 30,
            1.8571428571428572, 1.8571428571428572, 1.8571428571428572);
        AssertSeries(result[3], "aggregateLine(collectd.test-db4.load.value, 8.22222)", 3600, 3660, 30,
            8.222222222222221, 8.222222222222221, 8.222222222222221);
        var kept = CallIn(Context(3600, 3660), "aggregateLine", Four(), "max", true)[0];
        AssertSeries(kept, "aggregateLine(collectd.test-db1.load.value, 7)", 0, 600, 60, Enumerable.Repeat(7.0, 10).ToArray());
    }

    [Fact]
    public void NPercentile_and_stdev()
    {
        var p = Call("nPercentile", Four(), 50.0);
        Assert.Equal(3, p.Count);
        AssertSeries(p[0], "nPercentile(collectd.test-db1.load.value, 50)", 0, 600, 60, Enumerable.Repeat(4.0, 10).ToArray());
        AssertTags(p[0], ("name", "collectd.test-db1.load.value"), ("nPercentile", "50.0"));
        Assert.Throws<Tsdb.Query.Functions.QueryException>(() => Call("nPercentile", Four(), 0.0));

        // test_stdev, test_stdev_Nones
        var input = new List<TimeSeries> { Series("test.foo", 0, 60, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) };
        AssertSeries(Call("stdev", input, 2L)[0], "stdev(test.foo,2)", 0, 600, 60, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
        AssertSeries(Call("stdev", new List<TimeSeries> { Series("test.foo", 0, 60, N, N, N) }, 2L)[0], "stdev(test.foo,2)", 0, 180, 60, N, N, N);
        AssertValues([0, 0, N, 0], Call("stdev", new List<TimeSeries> { Series("x", 0, 60, 1, N, N, 2) }, 2L, 0.5)[0].Values);
        AssertValues([N, N, N, N], Call("stdev", new List<TimeSeries> { Series("x", 0, 60, 1, N, N, 2) }, 2L, 0.6)[0].Values);
    }

    [Fact]
    public void ExponentialMovingAverage_returns_one_extra_point()
    {
        // test_exponentialMovingAverage_integerWindowSize
        var series = new List<TimeSeries> { Series("collectd.test-db0.load.value", 0, 1, Enumerable.Range(0, 60).Select(i => (double)i).ToArray()) };
        (long, long)? range = null;
        var context = Context(30, 60, (e, f, u) => { range = (f, u); return series; });
        var result = Assert.Single(CallWith(context, "exponentialMovingAverage", FirstArg, series, 30L));
        Assert.Equal((0, 60), range);
        AssertSeries(result, "exponentialMovingAverage(collectd.test-db0.load.value,30)", 30, 60, 1,
            Enumerable.Range(0, 31).Select(i => 14.5 + i).ToArray());
        Assert.Equal("30", result.Tags["exponentialMovingAverage"]);
        var byInterval = CallWith(Context(30, 60, (e, f, u) => series), "exponentialMovingAverage", FirstArg, series, "30s")[0];
        Assert.Equal("exponentialMovingAverage(collectd.test-db0.load.value,\"30s\")", byInterval.Name);
        Assert.Equal(31, byInterval.Values.Length);
    }

    [Fact]
    public void LinearRegression_fits_the_source_range()
    {
        // test_linearRegression
        var source = new List<TimeSeries> { Series("test.value", 180, 60, 3, N, 5, 6, N, 8) };
        (long, long)? range = null;
        var context = Context(1200, 1500, (e, f, u) => { range = (f, u); return source; });
        var input = new List<TimeSeries> { new("test.value", 1200, 1500, 60, [123, N, N, 456, N, N, N], "test.value") };
        var result = Assert.Single(CallWith(context, "linearRegression", FirstArg, input, "00:03 19700101", "00:08 19700101"));
        Assert.Equal((180, 480), range);
        AssertSeries(result, "linearRegression(test.value, 180, 480)", 1200, 1500, 60, 20, 21, 22, 23, 24, 25, 26);
        Assert.Equal("180, 480", result.Tags["linearRegressions"]);
        Assert.Empty(CallWith(Context(0, 60, (e, f, u) => [Series("test.value", 0, 60, 1)]), "linearRegression", FirstArg, input));
    }

    [Fact]
    public void HoltWinters_functions()
    {
        // test_holtWintersForecast: a bootstrap longer than the series leaves nothing
        var shortSeries = new List<TimeSeries> { Series("collectd.test-db0.load.value", 600, 1, Enumerable.Range(0, 100).Select(i => (double)i).ToArray()) };
        var forecast = Assert.Single(CallWith(Context(2678400, 2678940, (e, f, u) => shortSeries), "holtWintersForecast", FirstArg, shortSeries));
        AssertSeries(forecast, "holtWintersForecast(collectd.test-db0.load.value)", 605400, 700, 1);

        // A flat series forecasts itself with no deviation; one day of bootstrap at step 1 h.
        var flat = new List<TimeSeries> { Series("a.b", 0, 3600, Enumerable.Repeat(5.0, 30).ToArray()) };
        long? from = null;
        var context = Context(86400, 108000, (e, f, u) => { from = f; return flat; });
        var f1 = CallWith(context, "holtWintersForecast", FirstArg, flat, "1d")[0];
        Assert.Equal(0, from);
        AssertSeries(f1, "holtWintersForecast(a.b)", 86400, 108000, 3600, Enumerable.Repeat(5.0, 6).ToArray());
        AssertTags(f1, ("name", "a.b"), ("holtWintersForecast", "1"), ("holtWintersDeviation", "1"));
        var bands = CallWith(context, "holtWintersConfidenceBands", FirstArg, flat, 3L, "1d");
        Assert.Equal(["holtWintersConfidenceLower(a.b)", "holtWintersConfidenceUpper(a.b)"], bands.Select(s => s.Name));
        AssertValues(Enumerable.Repeat(5.0, 6).ToArray(), bands[0].Values);
        Assert.Equal("a.b", bands[1].PathExpression);
        var area = CallWith(context, "holtWintersConfidenceArea", FirstArg, flat, 3L, "1d");
        Assert.All(area, s => Assert.Equal("holtWintersConfidenceArea(a.b)", s.Name));
        Assert.Null(area[1].Tags["areaBetween"]);
        var spiky = new List<TimeSeries> { Series("a.b", 86400, 3600, 5, 9, 1, 5, 5, 5) };
        var aberration = Assert.Single(CallWith(context, "holtWintersAberration", FirstArg, spiky, 3L, "1d"));
        AssertSeries(aberration, "holtWintersAberration(a.b)", 86400, 108000, 3600, 0, 4, -4, 0, 0, 0);
    }

    [Fact]
    public void Hitcount_spreads_rates_over_buckets()
    {
        // test_hitcount_1hour (alignToInterval re-evaluates from the truncated start)
        const int end = 14400;
        List<TimeSeries> Input() =>
        [
            Series("servers.s1.disk.bytes_used", 0, 1, Enumerable.Range(0, end).Select(i => (double)i).ToArray()),
            Series("servers.s2.disk.bytes_used", 0, 1, Enumerable.Repeat(N, end).ToArray()),
        ];
        var result = CallWith(Context(0, 240, (e, f, u) => Input()), "hitcount", FirstArg, Input(), "1hour", true);
        AssertSeries(result[0], "hitcount(servers.s1.disk.bytes_used, \"1hour\", true)", 0, 18000, 3600, 6478200, 19438200, 32398200, 45358200, N);
        AssertSeries(result[1], "hitcount(servers.s2.disk.bytes_used, \"1hour\", true)", 0, 18000, 3600, N, N, N, N, N);
        // Unaligned: buckets end at the series end; a point straddling a boundary is split.
        var split = Call("hitcount", new List<TimeSeries> { Series("x", 30, 60, 1, 2, 3) }, "1min")[0];
        AssertSeries(split, "hitcount(x, \"1min\")", 30, 210, 60, 60, 120, 180);
        var straddle = Call("hitcount", new List<TimeSeries> { Series("x", 0, 90, 1, 1) }, "2min")[0];
        AssertSeries(straddle, "hitcount(x, \"2min\")", -60, 180, 120, 60, 120);
    }

    [Fact]
    public void Hitcount_of_ints_is_an_int_per_bucket_without_a_float()
    {
        var mixed = Series("x", 0, 60, 1, 2, 0.5, N, 3, 1);
        mixed.IntegerValues = [true, true, false, false, true, true];
        var result = Assert.Single(Call("hitcount", new List<TimeSeries> { mixed }, "2min"));
        AssertSeries(result, "hitcount(x, \"2min\")", 0, 360, 120, 180, 30, 240);
        Assert.Equal([true, false, true], result.IntegerValues!);
        // A value split over two buckets gives each an int (value * whole seconds).
        var straddle = Series("x", 0, 90, 1, 1);
        straddle.IntegerValues = [true, true];
        Assert.Equal([true, true], Call("hitcount", new List<TimeSeries> { straddle }, "2min")[0].IntegerValues!);
    }

    [Fact]
    public void SmartSummarize_buckets_from_the_series_start()
    {
        var input = new List<TimeSeries> { Series("x", 30, 60, 1, 2, 3, N, 5) };
        var s = Assert.Single(Call("smartSummarize", input, "2min"));
        AssertSeries(s, "smartSummarize(x, \"2min\", \"sum\")", 30, 390, 120, 3, 3, 5);
        AssertTags(s, ("name", "x"), ("smartSummarize", "2min"), ("smartSummarizeFunction", "sum"));
        long? from = null;
        var aligned = CallWith(Context(86399, 86400, (e, f, u) => { from = f; return [Series("x", 0, 43200, 1, 2)]; }),
            "smartSummarize", FirstArg, input, "1d", "avg", "days");
        Assert.Equal(0, from);
        AssertSeries(aligned[0], "smartSummarize(x, \"1d\", \"avg\")", 0, 86400, 86400, 1.5);
    }

    [Fact]
    public void TimeSlice_and_timeStack()
    {
        // test_timeSlice
        var input = new List<TimeSeries> { Series("test.value", 0, 60, N, 1, 2, 3, N, 5, 6, N, 7, 8, 9) };
        var sliced = Assert.Single(CallIn(Context(0, 540), "timeSlice", input, "00:03 19700101", "00:08 19700101"));
        AssertSeries(sliced, "timeSlice(test.value, 180, 480)", 0, 660, 60, N, N, N, 3, N, 5, 6, N, 7, N, N);
        Assert.Equal("test.value", sliced.PathExpression);
        Assert.Equal("180", sliced.Tags["timeSliceStart"]);

        // test_timeStack
        var ranges = new List<(long, long)>();
        var context = Context(600, 1200, (e, f, u) =>
        {
            ranges.Add((f, u));
            return [Series("test.value", f, 60, N, N, N, 3, N, 5, 6, N, 7, N, N)];
        });
        var stacked = CallWith(context, "timeStack", FirstArg, new List<TimeSeries> { Series("test.value", 600, 60, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9) },
            "10minutes", 0L, 3L);
        Assert.Equal([(600, 1200), (0, 600), (-600, 0)], ranges);
        Assert.Equal(["timeShift(test.value, -10minutes, 0)", "timeShift(test.value, -10minutes, 1)", "timeShift(test.value, -10minutes, 2)"],
            stacked.Select(s => s.Name));
        AssertSeries(stacked[2], "timeShift(test.value, -10minutes, 2)", 600, 1200, 60, N, N, N, 3, N, 5, 6, N, 7, N, N);
        Assert.Equal("2", stacked[2].Tags["timeShift"]);
        Assert.Empty(CallWith(context, "timeStack", FirstArg, new List<TimeSeries>()));
    }
}
