using Tsdb.Query.Functions.Support;

namespace Tsdb.Query.Tests.Functions;

/// <summary>The vector-lane window sums against each window added up alone, left to right from +0.0 with nulls
/// skipped (Python's sum of the non-null values), bit for bit.</summary>
public class WindowSumsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(60)]
    public void SameBitsAsEachWindowAlone(int seed)
    {
        var random = new Random(seed);
        for (int round = 0; round < 200; round++)
        {
            var values = new double[random.Next(1, 300)];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = random.Next(7) switch
                {
                    0 => double.NaN,
                    1 => random.Next(-3, 4),
                    2 => random.Next(2) == 0 ? 0.0 : -0.0,
                    3 => random.Next(30) switch { 0 => double.PositiveInfinity, 1 => double.NegativeInfinity, _ => random.NextDouble() * 1e300 },
                    4 => Math.Round(random.NextDouble() * 1000, 2),
                    _ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-5, 16)),
                };
            }
            int n = random.Next(1, Math.Min(values.Length, 70) + 1);
            int windows = values.Length - n + 1;
            var sums = new double[windows];
            var counts = new int[windows];
            WindowSums.Compute(values, n, sums, counts);
            for (int k = 0; k < windows; k++)
            {
                double sum = 0; int count = 0;
                for (int j = k; j < k + n; j++)
                    if (!double.IsNaN(values[j])) { sum += values[j]; count++; }
                Assert.Equal(count, counts[k]);
                Assert.Equal(BitConverter.DoubleToInt64Bits(sum), BitConverter.DoubleToInt64Bits(sums[k]));
            }
        }
    }

    [Fact]
    public void ValuesShorterThanTheWindowsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => WindowSums.Compute(new double[5], 3, new double[4], new int[4]));
    }
}
