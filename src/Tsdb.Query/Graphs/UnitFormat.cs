using System.Globalization;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Graphs;

/// <summary>glyph.py's format_units and _AxisTics.makeLabel: axis values in si, binary, sec, msec or no units.</summary>
public static class UnitFormat
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, (string Prefix, double Size)[]> Systems = new(StringComparer.Ordinal)
    {
        ["binary"] = [("Pi", Math.Pow(1024.0, 5)), ("Ti", Math.Pow(1024.0, 4)), ("Gi", Math.Pow(1024.0, 3)), ("Mi", 1024.0 * 1024.0), ("Ki", 1024.0)],
        ["si"] = [("P", 1e15), ("T", 1e12), ("G", 1e9), ("M", 1e6), ("k", 1000.0)],
        ["sec"] = [("Y", 60 * 60 * 24 * 365), ("M", 60 * 60 * 24 * 30), ("D", 60 * 60 * 24), ("H", 60 * 60), ("m", 60)],
        ["msec"] = [("Y", 60L * 60 * 24 * 365 * 1000), ("M", 60L * 60 * 24 * 30 * 1000), ("D", 60 * 60 * 24 * 1000), ("H", 60 * 60 * 1000), ("m", 60 * 1000), ("s", 1000)],
        ["none"] = [],
    };

    /// <summary>Whether <paramref name="system"/> is one of the unit systems (others fall back to si).</summary>
    public static bool IsKnown(string system) => Systems.ContainsKey(system);

    /// <summary>
    /// format_units: <paramref name="v"/> divided by the largest unit it (and <paramref name="step"/>, when given)
    /// reaches, and that unit's prefix; a value a hair above a whole number above 1 becomes that number.
    /// </summary>
    public static (double Value, string Prefix) Format(double v, double? step, string system)
    {
        foreach (var (prefix, size) in Systems[system])
        {
            if (Math.Abs(v) >= size && (step is null || step.Value >= size))
            {
                double v2 = v / size;
                if (v2 - Math.Floor(v2) < 0.00000000001 && v > 1) v2 = Math.Floor(v2);
                return (v2, prefix);
            }
        }
        if (v - Math.Floor(v) < 0.00000000001 && v > 1) v = Math.Floor(v);
        return (v, "");
    }

    /// <summary>
    /// makeLabel. Every label ends in a space (then the prefix, if any). Upstream compares the span's prefix with
    /// the value's prefix after appending that space, so any prefixed label takes one decimal: kept.
    /// </summary>
    public static string AxisLabel(double value, double? step, double span, string system)
    {
        var (v, prefix) = Format(value, step, system);
        var (s, spanPrefix) = Format(span, step, system);
        if (prefix.Length > 0) prefix += " ";
        if (v < 0.1) return $"{PythonFormat.G(v)} {prefix}";
        if (v < 1.0) return $"{v.ToString("F2", Inv)} {prefix}";
        if (s > 10 || spanPrefix != prefix) return $"{v.ToString("F1", Inv)} {prefix}";
        if (s > 3) return $"{v.ToString("F1", Inv)} {prefix}";
        if (s > 0.1) return $"{v.ToString("F2", Inv)} {prefix}";
        return $"{PythonFormat.G(v)} {prefix}";
    }
}
