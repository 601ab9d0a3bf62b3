using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;
using Tsdb.Query.Time;

namespace Tsdb.Query.Functions.Graph;

/// <summary>
/// graphite-web verticalLine: ts parsed like from/until (relative to the request's now, in its time zone)
/// must lie within [from, until]; the result is two 1.0 values at start = end = ts with step 1 and the
/// render option "drawAsInfinite", named label (Python's None without one, see <see cref="TimeSeries.NameIsNone"/>)
/// and coloured when given.
/// </summary>
public sealed class VerticalLine : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "verticalLine", "Graph",
        [
            new ParamSpec("ts", ParamType.Date, Required: true),
            new ParamSpec("label", ParamType.String),
            new ParamSpec("color", ParamType.String),
        ],
        "A vertical line at the given time, optionally labelled and coloured.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string text = args["ts"] switch
        {
            null => throw new QueryException("verticalLine: ts is required"),
            string s => s,
            var other => Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)!,
        };
        long ts = AtTimeParser.ParseEpoch(text, context.TimeZone, context.Now);
        if (ts < context.From)
            throw new QueryException($"verticalLine(): timestamp {ts} exists before start of range");
        if (ts > context.Until)
            throw new QueryException($"verticalLine(): timestamp {ts} exists after end of range");
        string? label = args.String("label");
        var series = new TimeSeries(label ?? "", ts, ts, 1, [1.0, 1.0], label ?? "") { XFilesFactor = context.XFilesFactor };
        if (label is null) series.SetNameNone();
        series.Options["drawAsInfinite"] = true;
        if (args.String("color") is { Length: > 0 } color) series.Options["color"] = color;
        return [series];
    }
}
