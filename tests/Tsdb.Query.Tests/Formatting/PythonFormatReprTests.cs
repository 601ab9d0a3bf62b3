using System.Text;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Tests.Formatting;

/// <summary>The allocation-free repr (WriteRepr/AppendRepr/Repr) against the string-built reference.</summary>
public class PythonFormatReprTests
{
    private static void Same(double v)
    {
        string expected = PythonFormat.ReprReference(v);
        Assert.Equal(expected, PythonFormat.Repr(v));
        Assert.Equal(expected, PythonFormat.AppendRepr(new StringBuilder("x"), v).ToString(1, expected.Length));
    }

    [Theory]
    [InlineData(5.0, "5.0")]
    [InlineData(-5.0, "-5.0")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e16, "1e+16")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(1e-5, "1e-05")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456789012345.6, "123456789012345.6")]
    [InlineData(1e300, "1e+300")]
    [InlineData(-2.2250738585072014e-308, "-2.2250738585072014e-308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(5.454545454545454, "5.454545454545454")]
    public void KnownValues(double v, string text)
    {
        Assert.Equal(text, PythonFormat.Repr(v));
        Same(v);
    }

    [Fact]
    public void RandomBitPatterns()
    {
        var random = new Random(1234);
        Span<byte> bytes = stackalloc byte[8];
        for (int i = 0; i < 200_000; i++)
        {
            random.NextBytes(bytes);
            Same(BitConverter.ToDouble(bytes));
        }
    }

    [Fact]
    public void SubnormalsAndExtremes()
    {
        var random = new Random(99);
        for (int i = 0; i < 20_000; i++)
        {
            long mantissa = random.NextInt64(1, 1L << 52);
            Same(BitConverter.Int64BitsToDouble(mantissa));
            Same(-BitConverter.Int64BitsToDouble(mantissa));
        }
        Same(double.Epsilon);
        Same(double.MaxValue);
        Same(double.MinValue);
        Same(2.2250738585072014e-308);
        Same(BitConverter.Int64BitsToDouble(0x000FFFFFFFFFFFFF));
    }

    [Fact]
    public void IntegersAndPowersOfTen()
    {
        for (long k = -3000; k <= 3000; k++)
        {
            Same((1L << 53) + k);
            Same(-(double)((1L << 53) + k));
            Same(1e16 + k * 2);
            Same(1e15 + k);
            Same(k);
        }
        for (int e = -330; e <= 310; e++)
        {
            double p = Math.Pow(10, e);
            Same(p);
            Same(-p);
            Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) + 1));
            Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(p) - 1));
            Same(1.5 * p);
            Same(p / 3);
        }
    }

    /// <summary>The exact-integer shortest-digits range (1e-5 .. 1e16) and around its edges.</summary>
    [Fact]
    public void LogUniformAcrossTheFastRange()
    {
        var random = new Random(2024);
        for (int i = 0; i < 300_000; i++)
        {
            double v = Math.Pow(10, random.NextDouble() * 23 - 6);
            Same(v);
            Same(-v);
            Same(random.Next(1_000_000) / (double)random.Next(1, 100));
            Same(random.NextInt64(1, 1L << 53) / (double)(1L << random.Next(0, 60)));
        }
        foreach (double edge in new[] { 1e-5, 1e-4, 1e15, 1e16, 9.999999999999999e15, 9.999999999999998e-6 })
            for (long d = -2000; d <= 2000; d++)
                Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(edge) + d));
    }

    /// <summary>Powers of two in the fast range, where the interval below a value is half the one above, and
    /// their neighbours.</summary>
    [Fact]
    public void PowersOfTwoInTheFastRange()
    {
        for (int e = -18; e <= 54; e++)
        {
            long bits = BitConverter.DoubleToInt64Bits(Math.ScaleB(1, e));
            for (long d = -300; d <= 300; d++)
            {
                Same(BitConverter.Int64BitsToDouble(bits + d));
                Same(-BitConverter.Int64BitsToDouble(bits + d));
            }
        }
    }

    /// <summary>What a 6 h panel of collectl's hundredths consolidated to 1,000 points writes: means of 21-22 of them.</summary>
    [Fact]
    public void MeansOfHundredths()
    {
        var random = new Random(11);
        for (int i = 0; i < 200_000; i++)
        {
            int n = random.Next(21, 23);
            double sum = 0;
            for (int j = 0; j < n; j++) sum += random.Next(200_000) / 100.0;
            Same(sum / n);
        }
    }

    /// <summary>Averages of integer samples (what maxDataPoints and aggregation mostly write) and their neighbours.</summary>
    [Fact]
    public void AveragesOfIntegers()
    {
        var random = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            double v = random.NextInt64(1, 1L << random.Next(1, 50)) / (double)random.Next(1, 1000);
            Same(v);
            Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v) + 1));
            Same(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v) - 1));
        }
    }

    [Fact]
    public void DecimalFractions()
    {
        var random = new Random(7);
        for (int i = 0; i < 100_000; i++)
        {
            int digits = random.Next(1, 18);
            long mantissa = random.NextInt64(1, (long)Math.Pow(10, Math.Min(digits, 17)));
            double v = mantissa * Math.Pow(10, random.Next(-25, 25));
            Same(v);
            Same(random.NextDouble() * 1000);
            Same(random.Next(100000) / 100.0);
        }
    }
}
