using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Pie;

/// <summary>
/// graphite-web pieAverage (PieFunctions "average", listed only by /functions?type=pie): reduces one series to a single
/// pie slice value, the mean of the non-null values (null when none). Returned as a one-point series named like the input so the pie renderer can take
/// Values[0]; not usable in render targets (the registry marks it Pie).
/// </summary>
public sealed class PieAverage : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "average", "Pie",
        [new ParamSpec("series", ParamType.Series, Required: true)],
        "The average of the series' values.",
        Pie: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.SeriesList("series").Select(s => s.Copy(values: [Aggregators.Average(s.Values)])).ToList();
}
