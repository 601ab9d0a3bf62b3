using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;
using Tsdb.Query.Tests.Support;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>
/// Functions that build and evaluate new targets (reduceSeries over mapSeries, useSeriesAbove, applyByNode,
/// aliasQuery, timeStack) and name quirks that depend on the call text, through the real evaluator and an
/// in-memory store.
/// </summary>
public class EvaluatedTargetTests
{
    private static List<TimeSeries> Render(string target, long from = -60, long until = 120)
    {
        var store = new InMemoryMetricStore()
            .Add("servers.s1.disk.used", 0, 60, 1, 2, 3)
            .Add("servers.s1.disk.total", 0, 60, 2, 4, 6)
            .Add("servers.s2.disk.used", 0, 60, 3, 3, 3)
            .Add("servers.s2.disk.total", 0, 60, 4, 4, 4)
            .Add("app.reqs", 0, 60, 5, 20, 7)
            .Add("app.time", 0, 60, 0.5, 0.25, 0.75);
        var evaluator = new Evaluator(store);
        return evaluator.EvaluateTargets([target], evaluator.CreateContext(from, until, until));
    }

    [Fact]
    public void ReduceSeries_over_mapSeries()
    {
        var result = Render("reduceSeries(mapSeries(servers.*.disk.*,1),\"asPercent\",3,\"used\",\"total\")");
        Assert.Equal(["servers.s1.disk.reduce.asPercent", "servers.s2.disk.reduce.asPercent"], result.Select(s => s.Name));
        AssertValues([50, 50, 50], result[0].Values);
        AssertValues([75, 75, 75], result[1].Values);
        var summed = Render("reduce(map(servers.*.disk.*,1),'sumSeries',3,'used','total')");
        AssertValues([7, 7, 7], summed[1].Values);
    }

    [Fact]
    public void Targets_built_from_names()
    {
        AssertSeries(Assert.Single(Render("useSeriesAbove(app.reqs,10,'reqs','time')")), "app.time", 0, 180, 60, 0.5, 0.25, 0.75);
        Assert.Empty(Render("useSeriesAbove(app.reqs,100,'reqs','time')"));
        var applied = Render("applyByNode(servers.*.disk.*,1,'divideSeries(%.disk.used,%.disk.total)','%.ratio')");
        Assert.Equal(["servers.s1.ratio", "servers.s2.ratio"], applied.Select(s => s.Name));
        AssertValues([0.5, 0.5, 0.5], applied[0].Values);
        Assert.Equal("Latency 0.75 s", Render("aliasQuery(app.reqs,'reqs','time','Latency %.2f s')")[0].Name);
    }

    [Fact]
    public void Call_text_dependent_names()
    {
        Assert.Equal("round(app.time)", Render("round(app.time)")[0].Name);
        Assert.Equal("round(app.time,1)", Render("round(app.time,1)")[0].Name);
        AssertValues([0.5, 0.2, 0.8], Render("round(app.time,1)")[0].Values);
        Assert.Equal("log(app.reqs, 10)", Render("log(app.reqs)")[0].Name);
        Assert.Equal(["servers.disk.total", "servers.disk.used"], Render("sumSeriesWithWildcards(servers.*.disk.*,1)").Select(s => s.Name));
    }

    [Fact]
    public void TimeStack_evaluates_shifted_ranges()
    {
        var stacked = Render("timeStack(app.reqs,'1min',0,2)", 0, 120);
        Assert.Equal(["timeShift(app.reqs, -1min, 0)", "timeShift(app.reqs, -1min, 1)"], stacked.Select(s => s.Name));
        AssertValues([20, 7], stacked[0].Values);
        AssertValues([5, 20], stacked[1].Values);
        Assert.Equal(60, stacked[1].Start);
    }
}
