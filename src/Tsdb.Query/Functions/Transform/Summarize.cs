using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web summarize: values regrouped into buckets of intervalString. Buckets are epoch-aligned
/// (start - start % I up to end - end % I + I) unless alignToFrom, which starts them at the series
/// start and ends the series after the last bucket. A bucket is func over the raw values (nulls
/// included, as the aggFunc sees them) with timestamps in [b, b + I), when its non-null count / (I / step)
/// reaches the series' xFilesFactor, else null. Step becomes I. Name
/// 'summarize(x, "1h", "sum")' (+ ', true'), pathExpression = the new name, tags "summarize" and
/// "summarizeFunction".
/// </summary>
public sealed class Summarize : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "summarize", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("intervalString", ParamType.Interval, Required: true, Suggestions: ["10min", "1h", "1d"]),
            new ParamSpec("func", ParamType.AggFunc, Default: "sum", Options: Aggregators.Names),
            new ParamSpec("alignToFrom", ParamType.Boolean, Default: false),
        ],
        "Summarizes each series into buckets of a fixed interval with an aggregation function (sum by default).");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string intervalString = args.String("intervalString") ?? throw new QueryException("summarize: intervalString is required");
        string func = args.String("func") ?? "sum";
        bool alignToFrom = args.Bool("alignToFrom");
        var aggregator = Aggregators.Get(func);
        long interval = TimeOffset.ParseSeconds(intervalString);
        if (interval <= 0) throw new QueryException($"summarize: interval must be positive: {intervalString}");

        return args.SeriesList("seriesList").Select(s =>
        {
            long newStart = alignToFrom ? s.Start : s.Start - Mod(s.Start, interval);
            long newEnd = alignToFrom ? s.End : s.End - Mod(s.End, interval) + interval;
            var (values, bucketsEnd, ints) = SummarizeValues(s, func, aggregator, interval, newStart, newEnd, context.XFilesFactor);
            if (alignToFrom) newEnd = bucketsEnd;
            string name = $"summarize({s.Name}, \"{intervalString}\", \"{func}\"{(alignToFrom ? ", true" : "")})";
            var copy = s.Copy(name, values);
            copy.PathExpression = name;
            copy.Start = newStart;
            copy.End = newEnd;
            copy.Step = interval;
            copy.IntegerValues = ints;
            copy.Tags["summarize"] = intervalString;
            copy.Tags["summarizeFunction"] = func;
            return copy;
        }).ToList();
    }

    /// <summary>Python's % (result has the divisor's sign).</summary>
    private static long Mod(long a, long b) => ((a % b) + b) % b;

    /// <summary>graphite-web _summarizeValues: the buckets, the end of the last bucket, and which buckets hold a
    /// Python int (a count, or <paramref name="func"/> over ints: <see cref="IntegerMarks.ForRange"/>).</summary>
    internal static (double[] Values, long End, bool[]? Ints) SummarizeValues(TimeSeries s, string func,
        Aggregators.Aggregator aggregator, long interval, long newStart, long newEnd, double requestXff)
    {
        var marks = s.IntegerValues;
        var ints = marks is null ? null : new List<bool>();
        double xff = s.XFilesFactor ?? requestXff;
        int numPoints = (int)Math.Min(s.Values.Length, Math.Max(0, (s.End - s.Start + s.Step - 1) / s.Step));
        double intervalPoints = (double)interval / s.Step;
        var result = new List<double>();
        int i = 0;
        long bucket = newStart;
        while (bucket < newEnd)
        {
            int first = i;
            int nonNull = 0;
            while (i < numPoints && s.Start + i * s.Step < bucket + interval)
            {
                long t = s.Start + i * s.Step;
                if (t <= bucket) first = i;
                if (t >= bucket && !double.IsNaN(s.Values[i])) nonNull++;
                i++;
            }
            bool passes = SeriesAggregation.PassesXff(nonNull, intervalPoints, xff);
            result.Add(passes ? aggregator(s.Values.AsSpan(first, i - first)) : double.NaN);
            ints?.Add(passes && !double.IsNaN(result[^1]) && IntegerMarks.ForRange(func, s.Values, marks!, first, i - first));
            bucket += interval;
        }
        var values = result.ToArray();
        return (values, bucket, IntegerMarks.ForAggregation(func, values) ?? ints?.ToArray());
    }
}
