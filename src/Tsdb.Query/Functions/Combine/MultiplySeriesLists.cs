using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web multiplySeriesLists: <see cref="AggregateSeriesLists"/> with "multiply", pair by pair.</summary>
public sealed class MultiplySeriesLists : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "multiplySeriesLists", "Combine",
        [
            new ParamSpec("seriesListFirstPos", ParamType.SeriesList, Required: true),
            new ParamSpec("seriesListSecondPos", ParamType.SeriesList, Required: true),
        ],
        "Multiplies two series lists pair by pair.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => AggregateSeriesLists.Pairwise(context, args.SeriesList("seriesListFirstPos"), args.SeriesList("seriesListSecondPos"), "multiply");
}
