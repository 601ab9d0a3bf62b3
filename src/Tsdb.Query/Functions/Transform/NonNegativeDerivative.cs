using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web nonNegativeDerivative: counter deltas that never go negative (see
/// <see cref="CounterDeltas"/> for the wrap rules with maxValue/minValue). Name
/// "nonNegativeDerivative(x)" (limits never shown), pathExpression = the new name, tag
/// "nonNegativeDerivative" = "1".
/// </summary>
public sealed class NonNegativeDerivative : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "nonNegativeDerivative", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("maxValue", ParamType.Float),
            new ParamSpec("minValue", ParamType.Float),
        ],
        "Counter deltas between consecutive values; a decrease is null unless maxValue/minValue describe the counter's wrap.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => CounterDeltas.Apply(args.SeriesList("seriesList"), "nonNegativeDerivative",
            args.Double("maxValue"), args.Double("minValue"), (delta, _) => delta, keepsDeltas: true);
}
