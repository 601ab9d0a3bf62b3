using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Pie;

/// <summary>
/// graphite-web pieMinimum (PieFunctions "minimum", listed only by /functions?type=pie): reduces one series to a single
/// pie slice value, the smallest non-null value (null when none). Returned as a one-point series named like the input so the pie renderer can take
/// Values[0]; not usable in render targets (the registry marks it Pie).
/// </summary>
public sealed class PieMinimum : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "minimum", "Pie",
        [new ParamSpec("series", ParamType.Series, Required: true)],
        "The minimum of the series' values.",
        Pie: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("series").Select(s => s.Copy(values: [Aggregators.Min(s.Values)])).ToList();
}
