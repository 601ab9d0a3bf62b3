using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web averageSeriesWithWildcards: <see cref="AggregateWithWildcards"/> with "average".</summary>
public sealed class AverageSeriesWithWildcards : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "averageSeriesWithWildcards", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("position", ParamType.Node, Multiple: true),
        ],
        "Averages the series that are equal once the given path positions are ignored.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => AggregateWithWildcards.Group(context, args.SeriesList("seriesList"), "average", args.Multiple("position"));
}
