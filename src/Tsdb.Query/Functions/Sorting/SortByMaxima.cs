using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Sorting;

/// <summary>graphite-web sortByMaxima: descending by the maximum (null as -inf, stable).</summary>
public sealed class SortByMaxima : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sortByMaxima", "Sorting",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Sorts the series by their maximum value, largest first.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => SortBy.Sort(args.SeriesList("seriesList"), Aggregators.Max, reverse: true);
}
