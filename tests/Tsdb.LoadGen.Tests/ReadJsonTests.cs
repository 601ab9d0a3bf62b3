using System.Text;
using Tsdb.LoadGen;

public class ReadJsonTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void RenderFindsTheMarkerAmongNullsAndOtherValues()
    {
        var json = U("""[{"target":"a","tags":{"name":"a"},"datapoints":[[null,100],[3,101],[4.0,102]]}]""");
        Assert.True(RenderJson.ContainsPoint(json, 102, 4));
        Assert.False(RenderJson.ContainsPoint(json, 101, 4));
        Assert.False(RenderJson.ContainsPoint(json, 100, 0));
    }

    [Fact]
    public void RenderEmptyOrNonArrayAnswerHasNoPoint()
    {
        Assert.False(RenderJson.ContainsPoint(U("[]"), 1, 1));
        Assert.False(RenderJson.ContainsPoint(U("""{"error":"x"}"""), 1, 1));
    }

    [Fact]
    public void InfluxFindsARowByColumnName()
    {
        var json = U("""{"results":[{"statement_id":0,"series":[{"name":"p","columns":["value","time"],"values":[[1,99],[2,100]]}]}]}""");
        Assert.True(InfluxJson.ContainsPoint(json, 100, 2));
        Assert.False(InfluxJson.ContainsPoint(json, 100, 1));
    }

    [Fact]
    public void InfluxWithoutSeriesHasNoPoint() =>
        Assert.False(InfluxJson.ContainsPoint(U("""{"results":[{"statement_id":0}]}"""), 1, 1));

    [Fact]
    public void InfluxCountsAreSummedOverSeries()
    {
        var json = U("""{"results":[{"statement_id":0,"series":[{"name":"a","columns":["time","count"],"values":[[0,30]]},{"name":"b","columns":["time","count"],"values":[[0,12]]}]}]}""");
        Assert.Equal(42, InfluxJson.SumCounts(json));
        Assert.Equal(0, InfluxJson.SumCounts(U("""{"results":[{"statement_id":0}]}""")));
    }
}
