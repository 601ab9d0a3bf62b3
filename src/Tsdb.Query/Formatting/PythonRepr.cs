using System.Collections;
using System.Text;
using Tsdb.Query.Model;

namespace Tsdb.Query.Formatting;

/// <summary>
/// Python repr() of argument values, for error messages that quote the offending value the way
/// graphite-web's InputParameterError does (functions/params.py).
/// </summary>
public static class PythonRepr
{
    public static string Of(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        string s => Str(s),
        long or int => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!,
        double d => PythonFormat.Repr(d),
        TimeSeries ts => $"TimeSeries(name={ts.Name}, start={ts.Start}, end={ts.End}, step={ts.Step}, valuesPerPoint={ts.ValuesPerPoint}, consolidationFunc={ts.ConsolidationFunc}, xFilesFactor={PythonFormat.Repr(ts.XFilesFactor ?? 0)})",
        IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Of)) + "]",
        _ => value.ToString() ?? "",
    };

    /// <summary>repr(str): single quotes unless the text has a single quote and no double quote.</summary>
    public static string Str(string s)
    {
        char quote = s.Contains('\'') && !s.Contains('"') ? '"' : '\'';
        var sb = new StringBuilder().Append(quote);
        foreach (char c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote) sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f) sb.Append($"\\x{(int)c:x2}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.Append(quote).ToString();
    }
}
