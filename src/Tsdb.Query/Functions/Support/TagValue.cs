using System.Globalization;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web stores every tag value through str() (render/datalib.py Tags.__setitem__), so a
/// function argument becomes its Python text: float 10.0 -> "10.0", int 5 -> "5", True -> "True".
/// </summary>
public static class TagValue
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        string s => s,
        bool b => b ? "True" : "False",
        double d => PythonFormat.Repr(d),
        float f => PythonFormat.Repr(f),
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
