using Tsdb.Query.Functions;
using Tsdb.Query.Functions.Support;

namespace Tsdb.Query.Tests.Functions;

/// <summary>The column-wise aggregate against the row-wise one (zip_longest rows, NaN = null, xFilesFactor).</summary>
public class SeriesAggregationColumnsTests
{
    public static TheoryData<string> Functions =>
        new() { "average", "avg", "avg_zero", "sum", "total", "min", "max", "diff", "count", "range", "rangeOf", "multiply", "last", "current" };

    [Theory]
    [MemberData(nameof(Functions))]
    public void SameAsRows(string func)
    {
        var random = new Random(func.GetHashCode(StringComparison.Ordinal) & 0xffff);
        Assert.True(Aggregators.TryGet(func, out var aggregator));
        for (int round = 0; round < 300; round++)
        {
            int count = random.Next(1, 6);
            var lists = new double[count][];
            for (int j = 0; j < count; j++)
            {
                lists[j] = new double[random.Next(0, 40)];
                for (int i = 0; i < lists[j].Length; i++)
                {
                    lists[j][i] = random.Next(6) switch
                    {
                        0 => double.NaN,
                        1 => random.Next(-3, 4),
                        2 => random.Next(2) == 0 ? 0.0 : -0.0,
                        3 => random.Next(20) == 0 ? double.PositiveInfinity : random.NextDouble() * 1e300,
                        _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 6)),
                    };
                }
            }
            double xff = random.Next(4) switch { 0 => 0, 1 => 0.5, 2 => 1, _ => random.NextDouble() };
            var expected = SeriesAggregation.CombineRows(lists,
                row => SeriesAggregation.RowPassesXff(row, xff) ? aggregator(row) : double.NaN);
            var actual = SeriesAggregation.CombineColumns(lists, func, xff);
            Assert.NotNull(actual);
            Assert.Equal(expected.Length, actual!.Length);
            for (int i = 0; i < expected.Length; i++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]) is var e && double.IsNaN(expected[i]) ? "NaN" : e.ToString(),
                    double.IsNaN(actual[i]) ? "NaN" : BitConverter.DoubleToInt64Bits(actual[i]).ToString());
        }
    }

    [Fact]
    public void RowOnlyAggregatorsAreLeftToRows()
    {
        Assert.Null(SeriesAggregation.CombineColumns([[1.0]], "median", 0));
        Assert.Null(SeriesAggregation.CombineColumns([[1.0]], "stddev", 0));
    }
}
