using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web diffSeriesLists: <see cref="AggregateSeriesLists"/> with "diff", pair by pair.</summary>
public sealed class DiffSeriesLists : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "diffSeriesLists", "Combine",
        [
            new ParamSpec("seriesListFirstPos", ParamType.SeriesList, Required: true),
            new ParamSpec("seriesListSecondPos", ParamType.SeriesList, Required: true),
        ],
        "Subtracts the second series list from the first, pair by pair.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => AggregateSeriesLists.Pairwise(context, args.SeriesList("seriesListFirstPos"), args.SeriesList("seriesListSecondPos"), "diff");
}
