using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Sorting;

/// <summary>graphite-web sortByTotal: sortBy(seriesList, "sum", reverse=True); an all-null series sorts last.</summary>
public sealed class SortByTotal : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sortByTotal", "Sorting",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Sorts the series by the sum of their values, largest first.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SortBy.Sort(args.SeriesList("seriesList"), Aggregators.Sum, reverse: true);
}
