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
}
