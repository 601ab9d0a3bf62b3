using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Alias;

/// <summary>
/// graphite-web legendValue: appends " (type: value)" per value type to each name (Python str of the
/// aggregate: repr float, "None" when null, an int for count and for a sum or pick of ints; "(?)" for a name that is not a plain
/// aggregation function, including the "...Series" spellings). When the last type is "si" or "binary" the
/// layout becomes fixed columns "%-20s%-5s%-10s" (name, type, "%.2f" + unit prefix, or "None") per type.
/// </summary>
public sealed class LegendValue : RenderFunction
{
    private static readonly IReadOnlyList<string> ValueTypes =
        ["average", "averageSeries", "avg", "avgSeries", "avg_zero", "avg_zeroSeries", "binary", "count", "countSeries",
         "current", "currentSeries", "diff", "diffSeries", "last", "lastSeries", "max", "maxSeries", "median", "medianSeries",
         "min", "minSeries", "multiply", "multiplySeries", "range", "rangeOf", "rangeOfSeries", "rangeSeries", "si",
         "stddev", "stddevSeries", "sum", "sumSeries", "total", "totalSeries"];

    public override FunctionSignature Signature { get; } = new(
        "legendValue", "Alias",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("valuesTypes", ParamType.String, Multiple: true, Options: ValueTypes),
        ],
        "Appends aggregated values (avg, total, min, max, last, ...) to each legend, optionally formatted in si or binary units.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var types = args.Multiple("valuesTypes").Select(t => t as string ?? "").ToList();
        // graphite-web reads valueTypes[-1] unguarded: no value type is an IndexError (500) there.
        if (types.Count == 0) throw new QueryException("legendValue: at least one value type is required");
        string? system = null;
        if (types[^1] is "si" or "binary")
        {
            system = types[^1];
            types.RemoveAt(types.Count - 1);
        }
        var result = args.SeriesList("seriesList").Select(s => s.Copy()).ToList();
        foreach (var type in types)
        {
            bool known = !type.EndsWith("Series", StringComparison.Ordinal) && Aggregators.TryGet(type, out _);
            foreach (var s in result)
            {
                double value = known ? Aggregators.Get(type)(s.Values) : double.NaN;
                if (system is null)
                {
                    // str() of a Python int: a count, or a sum or pick of int values (isNonNull, changed, ...).
                    bool integer = type == "count"
                        || (s.IntegerValues is { } marks && IntegerMarks.ForRange(type, s.Values, marks, 0, s.Values.Length));
                    string text = !known ? "(?)" : double.IsNaN(value) ? "None"
                        : integer ? ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture) : PythonFormat.Repr(value);
                    s.Name += $" ({type}: {text})";
                }
                else
                {
                    string formatted = !known ? "(?)" : double.IsNaN(value) ? "None"
                        : UnitFormat.F2(UnitFormat.Format(value, system).Value) + UnitFormat.Format(value, system).Prefix;
                    s.Name = s.Name.PadRight(20) + type.PadRight(5) + formatted.PadRight(10);
                }
            }
        }
        return result;
    }
}
