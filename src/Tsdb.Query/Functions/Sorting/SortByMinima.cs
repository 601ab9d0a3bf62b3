using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Sorting;

/// <summary>graphite-web sortByMinima: drops the series whose maximum is &lt;= 0 or null, then ascending by the minimum.</summary>
public sealed class SortByMinima : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sortByMinima", "Sorting",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Sorts the series by their minimum value, smallest first, leaving out series whose maximum is not above zero.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SortBy.Sort(args.SeriesList("seriesList").Where(s => Aggregators.Max(s.Values) > 0).ToList(), Aggregators.Min, reverse: false);
}
