using Tsdb.Query.Model;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>highestCurrent and sortByName: test_functions.py expectations.</summary>
public class FilterAndSortTests
{
    [Fact]
    public void HighestCurrent_keeps_the_top_n_by_last_value()
    {
        var list = new List<TimeSeries>
        {
            Series("collectd.test-db1.load.value", 0, 60, 1, 2, 3, 4, 5, 4, 3, 5, 6, 7),
            Series("collectd.test-db2.load.value", 0, 60, N, N, N),
            Series("collectd.test-db3.load.value", 0, 60, 1, 2, N, N, N, 4, 3, 2, 1, 0),
            Series("collectd.test-db4.load.value", 0, 60, 10, 9, 8, 7, 6, 7, 8, 9, 10, N),
        };
        Assert.Equal(["collectd.test-db4.load.value", "collectd.test-db1.load.value"],
            Call("highestCurrent", list, 2L).Select(s => s.Name));
        Assert.Equal(["collectd.test-db4.load.value", "collectd.test-db1.load.value", "collectd.test-db3.load.value"],
            Call("highestCurrent", list, -1L).Select(s => s.Name));
        Assert.Empty(Call("highestCurrent", new List<TimeSeries>(), 1L));
    }

    [Fact]
    public void SortByName_plain_natural_and_reverse()
    {
        var list = new List<TimeSeries>
        {
            Series("collectd.test-db3.load.value", 0, 1, 10), Series("collectd.test-db2.load.value", 0, 1, 5),
            Series("srv10", 0, 1, 1), Series("srv9", 0, 1, 1), Series("collectd.test-db1.load.value", 0, 1, 7),
        };
        Assert.Equal(["collectd.test-db1.load.value", "collectd.test-db2.load.value", "collectd.test-db3.load.value", "srv10", "srv9"],
            Call("sortByName", list).Select(s => s.Name));
        Assert.Equal(["collectd.test-db1.load.value", "collectd.test-db2.load.value", "collectd.test-db3.load.value", "srv9", "srv10"],
            Call("sortByName", list, true).Select(s => s.Name));
        Assert.Equal(["srv9", "srv10", "collectd.test-db3.load.value", "collectd.test-db2.load.value", "collectd.test-db1.load.value"],
            Call("sortByName", list, false, true).Select(s => s.Name));
    }
}
