using Tsdb.LoadGen;

public class PercentilesTests
{
    [Fact]
    public void NearestRankOnTenValues()
    {
        var sorted = Enumerable.Range(1, 10).Select(i => (double)i).ToList();
        Assert.Equal(5, Percentiles.Of(sorted, 0.5));
        Assert.Equal(9, Percentiles.Of(sorted, 0.9));
        Assert.Equal(10, Percentiles.Of(sorted, 0.99));
        Assert.Equal(10, Percentiles.Of(sorted, 1));
        Assert.Equal(1, Percentiles.Of(sorted, 0));
    }

    [Fact]
    public void SingleValueIsEveryPercentile()
    {
        Assert.Equal(7, Percentiles.Of([7.0], 0.5));
        Assert.Equal(7, Percentiles.Of([7.0], 0.99));
    }

    [Fact]
    public void EmptySampleIsNaN() => Assert.True(double.IsNaN(Percentiles.Of([], 0.5)));

    [Fact]
    public void SummarySortsItsInput()
    {
        Assert.Equal("median_ms=2.0 p90_ms=3.0 p99_ms=3.0 max_ms=3.0", Percentiles.Summary([3.0, 1.0, 2.0]));
        Assert.Equal("q_median_ms=NaN q_p90_ms=NaN q_p99_ms=NaN q_max_ms=NaN", Percentiles.Summary([], "q_"));
    }
}
