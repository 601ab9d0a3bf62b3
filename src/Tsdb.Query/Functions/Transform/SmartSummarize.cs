using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web smartSummarize: like summarize with buckets starting at each series' own start. alignTo (a
/// unit word: years, months, weeks[1-7], days, hours, minutes, seconds, by prefix) first evaluates the first
/// argument again from the request start truncated to that unit; a boolean alignTo (the old alignToFrom) is
/// ignored. Name 'smartSummarize(x, "1h", "sum")'
/// (also the pathExpression), tags "smartSummarize" and "smartSummarizeFunction".
/// </summary>
public sealed class SmartSummarize : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "smartSummarize", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("intervalString", ParamType.Interval, Required: true, Suggestions: ["10min", "1h", "1d"]),
            new ParamSpec("func", ParamType.AggFunc, Default: "sum"),
            new ParamSpec("alignTo", ParamType.String, Options: ["years", "months", "weeks", "days", "hours", "minutes", "seconds"],
                AcceptsBoolean: true),
        ],
        "Summarizes each series into fixed-interval buckets counted from its start, optionally aligned to a calendar unit.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string intervalString = args.String("intervalString") ?? throw new QueryException("smartSummarize: intervalString is required");
        string func = args.String("func") ?? "sum";
        var aggregator = Aggregators.Get(func);
        long interval = TimeOffset.ParseSeconds(intervalString);
        if (interval <= 0) throw new QueryException($"smartSummarize: interval must be positive: {intervalString}");
        var seriesList = args.SeriesList("seriesList");
        if (args.String("alignTo") is { Length: > 0 } alignTo)
        {
            long from = TimeAlignment.AlignStart(context.From, context.TimeZone, alignTo);
            var expression = args.ExpressionOf("seriesList")
                ?? throw new QueryException("smartSummarize: its first argument cannot be evaluated again");
            seriesList = context.EvaluateInRange(expression, from, context.Until);
        }
        return seriesList.Select(s =>
        {
            var (values, end, ints) = Summarize.SummarizeValues(s, func, aggregator, interval, s.Start, s.End, context.XFilesFactor);
            string name = $"smartSummarize({s.Name}, \"{intervalString}\", \"{func}\")";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.End = end;
            copy.Step = interval;
            copy.IntegerValues = ints;
            copy.Tags["smartSummarize"] = intervalString;
            copy.Tags["smartSummarizeFunction"] = func;
            return copy;
        }).ToList();
    }
}
