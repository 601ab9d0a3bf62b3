using Tsdb.Query.Api;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Api;

/// <summary>maxDataPoints rows from graphite-web webapp/tests/test_render.py test_maxDataPoints (ints, cf sum).</summary>
public class RenderFormatsTests
{
    private static RenderRequest Request(int? maxDataPoints) => new([], 0, 100, 100, TimeZoneInfo.Utc, "json", maxDataPoints,
        false, null, false, 0, new Dictionary<string, string>(), 60, false, false);

    private static string Datapoints(long start, int maxDataPoints)
    {
        var values = Enumerable.Range((int)start, 20).Select(i => (double)i).ToArray();
        var series = new TimeSeries("test", start, start + 20, 1, values, "test")
        {
            ConsolidationFunc = "sum",
            IntegerValues = values.Select(_ => true).ToArray(),
        };
        string body = RenderFormats.Json([series], Request(maxDataPoints));
        return body[(body.IndexOf("\"datapoints\": ", StringComparison.Ordinal) + 14)..^2];
    }

    [Theory]
    [InlineData(1, 21, "[[1, 1], [2, 2], [3, 3], [4, 4], [5, 5], [6, 6], [7, 7], [8, 8], [9, 9], [10, 10], [11, 11], [12, 12], [13, 13], [14, 14], [15, 15], [16, 16], [17, 17], [18, 18], [19, 19], [20, 20]]")]
    [InlineData(1, 19, "[[3, 2], [7, 4], [11, 6], [15, 8], [19, 10], [23, 12], [27, 14], [31, 16], [35, 18], [39, 20]]")]
    [InlineData(1, 9, "[[9, 3], [18, 6], [27, 9], [36, 12], [45, 15], [54, 18], [20, 21]]")]
    [InlineData(1, 6, "[[18, 4], [34, 8], [50, 12], [66, 16], [39, 20]]")]
    [InlineData(1, 4, "[[30, 5], [55, 10], [80, 15], [39, 20]]")]
    [InlineData(1, 3, "[[63, 7], [112, 14], [20, 21]]")]
    [InlineData(1, 2, "[[135, 10], [39, 20]]")]
    [InlineData(1, 1, "[[210, 1]]")]
    [InlineData(3, 19, "[[7, 4], [11, 6], [15, 8], [19, 10], [23, 12], [27, 14], [31, 16], [35, 18], [39, 20], [43, 22]]")]
    [InlineData(3, 9, "[[18, 6], [27, 9], [36, 12], [45, 15], [54, 18], [63, 21]]")]
    [InlineData(3, 3, "[[63, 7], [112, 14], [63, 21]]")]
    [InlineData(3, 1, "[[250, 3]]")]
    public void MaxDataPoints_matches_upstream_table(long start, int maxDataPoints, string expected) =>
        Assert.Equal(expected, Datapoints(start, maxDataPoints));

    [Fact]
    public void All_empty_series_give_an_empty_list()
    {
        var empty = new TimeSeries("e", 0, 0, 1, [], "e");
        Assert.Equal("[]", RenderFormats.Json([empty], Request(null)));
    }

    [Fact]
    public void Integer_values_and_names_with_nan_text()
    {
        var s = new TimeSeries("a NaN, b", 10, 13, 1, [0, double.NaN, 2.5], "x") { IntegerValues = [true, false, false] };
        // The textual 'NaN,' fix-up also touches names, as upstream's str.replace does.
        Assert.Equal("[{\"target\": \"a null, b\", \"tags\": {\"name\": \"a null, b\"}, \"datapoints\": [[0, 10], [null, 11], [2.5, 12]]}]",
            RenderFormats.Json([s], Request(null)));
        Assert.Equal("a NaN, b,10,13,1|0,None,2.5\n", RenderFormats.Raw([s], Request(null)));
    }

    [Fact]
    public void Dygraph_and_rickshaw()
    {
        var a = new TimeSeries("a", 60, 180, 60, [1.0, double.PositiveInfinity], "a");
        var b = new TimeSeries("b", 60, 180, 60, [double.NaN, 2.0], "b");
        Assert.Equal("{\"labels\" : [\"Time\", \"a\", \"b\"], \"data\" : [[60000, 1.0, null], [120000, Infinity, 2.0]]}",
            RenderFormats.Dygraph([a, b], Request(null)));
        Assert.Equal("{}", RenderFormats.Dygraph([], Request(null)));
        Assert.Equal("[{\"target\": \"b\", \"datapoints\": [{\"x\": 60, \"y\": null}, {\"x\": 120, \"y\": 2.0}]}]",
            RenderFormats.Rickshaw([b], Request(null)));
    }
}
