using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Model;

/// <summary>
/// Array consolidation (maxDataPoints, valuesPerPoint) against a list-of-chunks reference that follows
/// graphite-web's __consolidatingGenerator literally: every cf, ints, nulls, xFilesFactor, skipped leading values.
/// </summary>
public class SeriesConsolidationTests
{
    private static List<(double Value, bool IsInt)> Reference(double[] values, bool[]? ints, int vpp, string cf, double xff)
    {
        var result = new List<(double, bool)>();
        if (vpp <= 1)
        {
            for (int i = 0; i < values.Length; i++)
                result.Add((values[i], ints is not null && i < ints.Length && ints[i] && !double.IsNaN(values[i])));
            return result;
        }
        for (int from = 0; from < values.Length; from += vpp)
        {
            var buf = new List<(double V, bool I)>();
            int nonNull = 0;
            for (int i = from; i < Math.Min(values.Length, from + vpp); i++)
            {
                if (!double.IsNaN(values[i])) { buf.Add((values[i], ints is not null && i < ints.Length && ints[i])); nonNull++; }
                else if (cf == "avg_zero") buf.Add((0, true));
            }
            if (nonNull == 0 || (double)nonNull / vpp < xff) { result.Add((double.NaN, false)); continue; }
            bool allInt = buf.TrueForAll(p => p.I);
            double sum = 0;
            foreach (var p in buf) sum += p.V;
            result.Add(cf switch
            {
                "average" or "avg" or "avg_zero" => (sum / buf.Count, false),
                "sum" => (sum, allInt),
                "min" => (buf.Min(p => p.V), allInt),
                "max" => (buf.Max(p => p.V), allInt),
                "first" => buf[0],
                _ => buf[^1],
            });
        }
        return result;
    }

    [Theory]
    [InlineData("average")]
    [InlineData("avg")]
    [InlineData("avg_zero")]
    [InlineData("sum")]
    [InlineData("min")]
    [InlineData("max")]
    [InlineData("first")]
    [InlineData("last")]
    public void SameAsReference(string cf)
    {
        var random = new Random(cf.Length * 31 + cf[0]);
        for (int round = 0; round < 400; round++)
        {
            int length = random.Next(0, 120);
            var values = new double[length];
            for (int i = 0; i < length; i++)
                values[i] = random.Next(5) switch
                {
                    0 => double.NaN,
                    1 => random.Next(-5, 6),
                    2 => random.Next(2) == 0 ? 0.0 : -0.0,
                    _ => (random.NextDouble() - 0.5) * 1000,
                };
            bool[]? ints = random.Next(2) == 0 ? null : Enumerable.Range(0, length - random.Next(0, 3) is var n && n > 0 ? n : 0)
                .Select(i => values[i] == Math.Floor(values[i]) && random.Next(4) != 0).ToArray();
            int vpp = random.Next(1, 9);
            int skip = random.Next(0, 4);
            double xff = random.Next(3) switch { 0 => 0, 1 => 0.5, _ => random.NextDouble() };
            var series = new TimeSeries("a", 0, length, 1, values, "a")
            {
                IntegerValues = ints, ValuesPerPoint = vpp, ConsolidationFunc = cf,
                XFilesFactor = random.Next(2) == 0 ? null : xff,
            };
            var expected = Reference(values[Math.Min(skip, length)..], ints?[Math.Min(skip, ints.Length)..], vpp, cf,
                series.XFilesFactor ?? 0.25);
            int count = SeriesConsolidation.Length(series, skip);
            var outValues = new double[count + 3];
            var outInts = new bool[count + 3];
            Assert.Equal(count, SeriesConsolidation.Consolidate(series, 0.25, outValues, outInts, skip));
            Assert.Equal(expected.Count, count);
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Value), BitConverter.DoubleToInt64Bits(outValues[i]));
                Assert.Equal(expected[i].IsInt, outInts[i]);
            }
            if (skip == 0)
            {
                var list = SeriesConsolidation.Values(series, 0.25);
                Assert.Equal(expected.Select(p => (BitConverter.DoubleToInt64Bits(p.Value), p.IsInt)),
                    list.Select(p => (BitConverter.DoubleToInt64Bits(p.Value), p.IsInteger)));
            }
        }
    }
}
