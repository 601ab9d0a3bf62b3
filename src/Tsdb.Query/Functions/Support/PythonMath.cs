using System.Globalization;

namespace Tsdb.Query.Functions.Support;

/// <summary>Python float arithmetic that graphite-web's values depend on.</summary>
public static class PythonMath
{
    /// <summary>
    /// Python round(x, digits) for a float: the correctly rounded decimal of the exact binary value
    /// (formatting with fixed digits is exact in .NET Core 3.0+, unlike Math.Round's scaling).
    /// </summary>
    public static double Round(double x, int digits)
    {
        if (double.IsNaN(x) || double.IsInfinity(x)) return x;
        return double.Parse(x.ToString("F" + digits, CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// graphite-web _nonNegativeDelta (render/functions.py) for perSecond and nonNegativeDerivative: the
    /// delta from prev to value and the new prev. A value above maxValue or below minValue gives null and
    /// resets prev; a first reading gives null; a decrease wraps with maxValue (max + 1 + v - prev - min)
    /// or minValue (v - min), else null. A null value gives null and resets prev (1.1.8 raises a
    /// TypeError when max/min are given and a value is null; graphite-web master's behaviour is used).
    /// </summary>
    public static (double Delta, double Prev) NonNegativeDelta(double value, double prev, double? maxValue, double? minValue)
    {
        if (double.IsNaN(value)) return (double.NaN, double.NaN);
        if (maxValue is double max && value > max) return (double.NaN, double.NaN);
        if (minValue is double min && value < min) return (double.NaN, double.NaN);
        if (double.IsNaN(prev)) return (double.NaN, value);
        if (value >= prev) return (value - prev, value);
        if (maxValue is double wrapMax) return (wrapMax + 1 + value - prev - (minValue ?? 0), value);
        if (minValue is double wrapMin) return (value - wrapMin, value);
        return (double.NaN, value);
    }
}
