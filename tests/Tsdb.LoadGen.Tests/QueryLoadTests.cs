using Tsdb.LoadGen;

public class QueryLoadTests
{
    [Fact]
    public void PanelsAreTheE2ePanelSetWithTheHostPrefix()
    {
        var panels = QueryLoad.Panels("host");
        Assert.Equal(["aliasByNode", "sumSeries", "groupByNode", "highestMax", "movingAverage"], panels.Select(p => p.Name));
        Assert.Equal("sumSeries(host*.cputotals.user)", panels[1].Target);
        Assert.All(panels, p => Assert.Contains("host", p.Target));
    }

    [Fact]
    public void ScheduleIsEvenlySpacedAndOpenLoop()
    {
        Assert.Equal(TimeSpan.Zero, QueryLoad.DueAt(0, 20));
        Assert.Equal(TimeSpan.FromMilliseconds(50), QueryLoad.DueAt(1, 20));
        Assert.Equal(TimeSpan.FromSeconds(1), QueryLoad.DueAt(20, 20));
        Assert.Equal(TimeSpan.FromSeconds(10), QueryLoad.DueAt(5, 0.5));
    }
}
