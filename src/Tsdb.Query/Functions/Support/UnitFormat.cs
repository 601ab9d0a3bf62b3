using System.Globalization;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web render/glyph.py format_units and the "%.2f" texts cactiStyle and legendValue build from it:
/// a value is divided by the largest unit of its system ("si": k M G T P by 1000, "binary": Ki Mi Gi Ti Pi
/// by 1024) that its absolute value reaches; a result within 1e-11 above a whole number (value &gt; 1) is
/// floored.
/// </summary>
public static class UnitFormat
{
    private static readonly (string Prefix, double Size)[] Si =
        [("P", 1e15), ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1e3)];

    private static readonly (string Prefix, double Size)[] Binary =
        [("Pi", Math.Pow(1024, 5)), ("Ti", Math.Pow(1024, 4)), ("Gi", Math.Pow(1024, 3)), ("Mi", 1024.0 * 1024), ("Ki", 1024)];

    public static (double Value, string Prefix) Format(double v, string system, string? units = null)
    {
        var table = system == "binary" ? Binary : system == "si" ? Si
            : throw new QueryException($"Unknown unit system: {system}");
        foreach (var (prefix, size) in table)
        {
            if (Math.Abs(v) < size) continue;
            double v2 = v / size;
            if (v2 - Math.Floor(v2) < 0.00000000001 && v > 1) v2 = Math.Floor(v2);
            return (v2, units is { Length: > 0 } ? prefix + units : prefix);
        }
        if (v - Math.Floor(v) < 0.00000000001 && v > 1) v = Math.Floor(v);
        return (v, units ?? "");
    }

    /// <summary>Python "%.2f" % v (nan/inf spelled as Python does).</summary>
    public static string F2(double v)
    {
        if (double.IsNaN(v)) return "nan";
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        return v.ToString("F2", CultureInfo.InvariantCulture);
    }
}
