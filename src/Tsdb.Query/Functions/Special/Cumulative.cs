using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>graphite-web cumulative: consolidateBy(seriesList, "sum") — name 'consolidateBy(x,"sum")'.</summary>
public sealed class Cumulative : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "cumulative", "Special",
        [new ParamSpec("seriesList", ParamType.SeriesList, Required: true)],
        "Makes consolidation for display sum the points instead of averaging them.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        var forward = new CallArguments();
        forward.Set("seriesList", args.SeriesList("seriesList"));
        forward.Set("consolidationFunc", "sum");
        return new ConsolidateBy().Evaluate(context, forward);
    }
}
