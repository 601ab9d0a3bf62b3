using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Combine;

/// <summary>graphite-web multiplySeriesWithWildcards: <see cref="AggregateWithWildcards"/> with "multiply".</summary>
public sealed class MultiplySeriesWithWildcards : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "multiplySeriesWithWildcards", "Combine",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("position", ParamType.Node, Multiple: true),
        ],
        "Multiplies the series that are equal once the given path positions are ignored.",
        Aggregator: true);

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => AggregateWithWildcards.Group(context, args.SeriesList("seriesList"), "multiply", args.Multiple("position"));
}
