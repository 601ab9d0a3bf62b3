using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web cactiStyle: each name becomes "&lt;name&gt; Current:&lt;last&gt; Max:&lt;max&gt; Min:&lt;min&gt; " with
/// every column left-justified to a common width so legends line up: the name to the longest name, each
/// value column to 3 + the longest text of the int-truncated values (3 when the value is null or 0).
/// Values are "%.2f" (with " units" or an si/binary prefix when system is given); a missing value is "nan".
/// </summary>
public sealed class CactiStyle : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "cactiStyle", "Special",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("system", ParamType.String, Options: ["binary", "si"]),
            new ParamSpec("units", ParamType.String),
        ],
        "Appends the current, maximum and minimum values to each legend, aligned in columns like Cacti does.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        string? system = args.String("system");
        string? units = args.String("units");
        Func<double, string> fmt = (system, units) switch
        {
            ({ Length: > 0 }, { Length: > 0 }) => x => { var (v, p) = UnitFormat.Format(x, system, units); return $"{UnitFormat.F2(v)} {p}"; },
            ({ Length: > 0 }, _) => x => { var (v, p) = UnitFormat.Format(x, system); return UnitFormat.F2(v) + p; },
            (_, { Length: > 0 }) => x => $"{UnitFormat.F2(x)} {units}",
            _ => UnitFormat.F2,
        };
        int Width(Func<ReadOnlySpan<double>, double> agg) => 3 + seriesList.Max(s =>
        {
            double v = agg(s.Values);
            // Python's int(v): a fraction between -1 and 0 truncates to 0, not to -0.0 ("-0.00" is wider).
            return fmt(double.IsNaN(v) || v == 0 ? 3 : Math.Truncate(v) + 0.0).Length;
        });
        int nameLen = seriesList.Max(s => s.Name.Length);
        int lastLen = Width(r => Aggregators.Last(r));
        int maxLen = Width(r => Aggregators.Max(r));
        int minLen = Width(r => Aggregators.Min(r));
        string Text(double v) => double.IsNaN(v) ? "nan" : fmt(v);
        return seriesList.Select(s => s.Copy(name:
            s.Name.PadRight(nameLen) + " Current:" + Text(Aggregators.Last(s.Values)).PadRight(lastLen)
            + " Max:" + Text(Aggregators.Max(s.Values)).PadRight(maxLen)
            + " Min:" + Text(Aggregators.Min(s.Values)).PadRight(minLen) + " ")).ToList();
    }
}
