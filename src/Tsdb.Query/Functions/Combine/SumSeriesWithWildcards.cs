using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web sumSeriesWithWildcards: <see cref="AggregateWithWildcards"/> with "sum".</summary>
public sealed class SumSeriesWithWildcards : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "sumSeriesWithWildcards", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("position", ParamType.Node, Multiple: true),
        ],
        "Sums the series that are equal once the given path positions are ignored.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => AggregateWithWildcards.Group(context, args.SeriesList("seriesList"), "sum", args.Multiple("position"));
}
