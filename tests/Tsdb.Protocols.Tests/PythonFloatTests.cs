using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Tests;

// Expected values checked against CPython 3.11 float().
public class PythonFloatTests
{
    [Theory]
    [InlineData("0", 0.0)]
    [InlineData("42", 42.0)]
    [InlineData("-7", -7.0)]
    [InlineData("+7", 7.0)]
    [InlineData("00012", 12.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("5.", 5.0)]
    [InlineData(".5", 0.5)]
    [InlineData("+.5e-3", 0.0005)]
    [InlineData("1E-2", 0.01)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1_000", 1000.0)]
    [InlineData("1_0.5e1_0", 105000000000.0)]
    [InlineData("1.5_0", 1.5)]
    [InlineData(" 1 ", 1.0)]
    [InlineData("0.1", 0.1)]
    [InlineData("1795727302", 1795727302.0)]
    [InlineData("1e999", double.PositiveInfinity)]
    [InlineData("-1e999", double.NegativeInfinity)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("-Infinity", double.NegativeInfinity)]
    [InlineData("+iNfInItY", double.PositiveInfinity)]
    [InlineData("\u0661\u0662", 12.0)]
    public void Parses_what_python_float_accepts(string text, double expected)
    {
        Assert.True(PythonFloat.TryParse(text, out double value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("-NaN")]
    public void Parses_nan_in_any_case(string text)
    {
        Assert.True(PythonFloat.TryParse(text, out double value));
        Assert.True(double.IsNaN(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData(".e1")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData("1__0")]
    [InlineData("_1")]
    [InlineData("1_")]
    [InlineData("1_.5")]
    [InlineData("1._5")]
    [InlineData("1e_5")]
    [InlineData("0x10")]
    [InlineData("1,0")]
    [InlineData("in")]
    [InlineData("infi")]
    [InlineData("nan(1)")]
    [InlineData("1 2")]
    [InlineData("--1")]
    [InlineData("1e5.5")]
    [InlineData("\u00bd")]
    public void Rejects_what_python_float_rejects(string text)
    {
        Assert.False(PythonFloat.TryParse(text, out _));
    }

    [Fact]
    public void Long_mantissa_is_correctly_rounded()
    {
        string text = "0." + new string('3', 100);
        Assert.True(PythonFloat.TryParse(text, out double value));
        Assert.Equal(1.0 / 3.0, value);
    }
}
