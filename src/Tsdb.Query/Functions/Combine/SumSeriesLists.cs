using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web sumSeriesLists: <see cref="AggregateSeriesLists"/> with "sum", pair by pair.</summary>
public sealed class SumSeriesLists : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sumSeriesLists", "Combine",
        [
            new ParamSpec("seriesListFirstPos", ParamType.SeriesList, Required: true),
            new ParamSpec("seriesListSecondPos", ParamType.SeriesList, Required: true),
        ],
        "Adds two series lists pair by pair.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => AggregateSeriesLists.Pairwise(context, args.SeriesList("seriesListFirstPos"), args.SeriesList("seriesListSecondPos"), "sum");
}
