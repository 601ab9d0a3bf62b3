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
        return [Line(context, value, integer: false)];
    }

    /// <summary>The line at <paramref name="value"/>, named str(value): a Python float ("100.0"), or with
    /// <paramref name="integer"/> an int ("100", int values), as aggregateLine's count calls it directly.</summary>
    internal static TimeSeries Line(EvaluationContext context, double value, bool integer)
    {
        string text = integer ? ((long)value).ToString(System.Globalization.CultureInfo.InvariantCulture) : PythonFormat.Repr(value);
        long start = context.From;
        long end = context.Until;
        long step = (long)((end - start) / 2.0);
        var tags = new Tags { ["name"] = text };
        return new TimeSeries(text, start, end, step, [value, value, value], $"constantLine({text})", tags)
        {
            XFilesFactor = context.XFilesFactor,
            IntegerValues = integer ? [true, true, true] : null,
        };
    }
}
