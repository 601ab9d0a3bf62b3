using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web seriesByTag: the series whose tags match every expression (tag=v, tag!=v, tag=~re,
/// tag!=~re). The evaluator answers seriesByTag calls itself (their call text is the fetch key, as in
/// graphite-web's STORE.fetch); this entry gives /functions and argument validation their signature and,
/// when invoked directly, hands the call back to the evaluator over the request range.
/// </summary>
public sealed class SeriesByTag : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "seriesByTag", "Special",
        [new ParamSpec("tagExpressions", ParamType.String, Required: true, Multiple: true)],
        "Selects series by tag expressions: tag=value, tag!=value, tag=~regex, tag!=~regex.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
        => args.Call is { } call
            ? context.EvaluateInRange(call, context.From, context.Until)
            : throw new QueryException("seriesByTag can only be evaluated from its call text");
}
