using System.Text.RegularExpressions;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Sorting;

/// <summary>
/// graphite-web sortByName: stable sort by name (code point order); natural pads every digit run to
/// 10 digits first ("{0:010}"), so "srv2" sorts before "srv10". reverse keeps equal names in input order,
/// like Python's sort(reverse=True).
/// </summary>
public sealed partial class SortByName : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sortByName", "Sorting",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("natural", ParamType.Boolean, Default: false),
            new ParamSpec("reverse", ParamType.Boolean, Default: false),
        ],
        "Sorts the series by name, optionally in natural (numeric-aware) order or reversed.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        bool natural = args.Bool("natural");
        bool reverse = args.Bool("reverse");
        Func<TimeSeries, string> key = natural ? s => NaturalKey(s.Name) : s => s.Name;
        var list = args.SeriesList("seriesList");
        return (reverse ? list.OrderByDescending(key, StringComparer.Ordinal) : list.OrderBy(key, StringComparer.Ordinal)).ToList();
    }

    private static string NaturalKey(string name)
        => DigitRun().Replace(name, m => m.Value.TrimStart('0').PadLeft(10, '0'));

    [GeneratedRegex(@"\d+", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();
}
