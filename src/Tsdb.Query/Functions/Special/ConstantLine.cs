using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Special;

/// <summary>
/// graphite-web constantLine: three points of value at from, from + s, from + 2s with
/// s = int((until - from) / 2). Name str(float(value)) ("100.0"), tags {"name": that},
/// pathExpression "constantLine(100.0)"; xFilesFactor of the request.
/// </summary>
public sealed class ConstantLine : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "constantLine", "Special",
        [new ParamSpec("value", ParamType.Float, Required: true)],
        "A horizontal line at the given value across the requested time range.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        double value = args.Double("value") ?? throw new QueryException("constantLine: value is required");
        string text = PythonFormat.Repr(value);
        long start = context.From;
        long end = context.Until;
        long step = (long)((end - start) / 2.0);
        var tags = new Tags { ["name"] = text };
        return [new TimeSeries(text, start, end, step, [value, value, value], $"constantLine({text})", tags)
        {
            XFilesFactor = context.XFilesFactor,
        }];
    }
}
