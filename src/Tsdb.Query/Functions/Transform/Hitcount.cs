using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Transform;

/// <summary>
/// graphite-web hitcount: values are rates per second; each point adds value * (seconds of [t, t + step)
/// inside a bucket) to the buckets it overlaps. ceil((end - start) / I) buckets ending at the series end
/// (start = end - count * I); an empty bucket is null. alignToInterval first evaluates the first argument
/// again from the request start truncated to the day, hour or minute (by interval size) and extends each
/// end to a whole number of intervals. Name 'hitcount(x, "1h")' (+ ', true'), pathExpression = the name,
/// tag "hitcount". The seconds are ints, so a bucket is a Python int when every value added to it is (a sum of
/// int * int), a float as soon as one is a float.
/// </summary>
public sealed class Hitcount : RenderFunction
{
    public override FunctionSignature Signature { get; } = new(
        "hitcount", "Transform",
        [
            new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
            new ParamSpec("intervalString", ParamType.Interval, Required: true, Suggestions: ["10min", "1h", "1d"]),
            new ParamSpec("alignToInterval", ParamType.Boolean, Default: false),
        ],
        "Turns per-second rates into hit counts per interval.");

    public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args)
    {
        string intervalString = args.String("intervalString") ?? throw new QueryException("hitcount: intervalString is required");
        long interval = TimeOffset.ParseSeconds(intervalString);
        if (interval <= 0) throw new QueryException($"hitcount: interval must be positive: {intervalString}");
        bool align = args.Bool("alignToInterval");
        var seriesList = args.SeriesList("seriesList").Select(s => s.Copy()).ToList();
        if (align)
        {
            string unit = interval >= 86400 ? "days" : interval >= 3600 ? "hours" : interval >= 60 ? "minutes" : "";
            long from = unit.Length > 0 ? TimeAlignment.AlignStart(context.From, context.TimeZone, unit) : context.From;
            var expression = args.ExpressionOf("seriesList")
                ?? throw new QueryException("hitcount: its first argument cannot be evaluated again");
            seriesList = context.EvaluateInRange(expression, from, context.Until).Select(s => s.Copy()).ToList();
            foreach (var s in seriesList)
                s.End = s.Start + FloorDiv(s.End - s.Start, interval) * interval + interval;
        }
        return seriesList.Select(s =>
        {
            long step = s.Step;
            int bucketCount = (int)Math.Ceiling((double)(s.End - s.Start) / interval);
            var buckets = new double[Math.Max(0, bucketCount)];
            var filled = new bool[buckets.Length];
            var marks = s.IntegerValues;
            bool[]? ints = marks is null ? null : new bool[buckets.Length];
            bool valueIsInt = false; // the value being spread (Add's terms are it times whole seconds)
            void Add(long b, double v)
            {
                if (ints is not null) ints[b] = valueIsInt && (ints[b] || !filled[b]);
                buckets[b] += v;
                filled[b] = true;
            }
            long newStart = s.End - (long)bucketCount * interval;
            for (int i = 0; i < s.Values.Length; i++)
            {
                double value = s.Values[i];
                if (double.IsNaN(value)) continue;
                valueIsInt = marks is not null && i < marks.Length && marks[i];
                long startTime = s.Start + i * step;
                long startBucket = FloorDiv(startTime - newStart, interval), startMod = startTime - newStart - startBucket * interval;
                long endTime = startTime + step;
                long endBucket = FloorDiv(endTime - newStart, interval), endMod = endTime - newStart - endBucket * interval;
                if (endBucket >= bucketCount) { endBucket = bucketCount - 1; endMod = interval; }
                if (startBucket == endBucket)
                {
                    if (startBucket >= 0) Add(startBucket, value * (endMod - startMod));
                    continue;
                }
                if (startBucket >= 0) Add(startBucket, value * (interval - startMod));
                for (long j = startBucket + 1; j < endBucket; j++) Add(j, value * interval);
                if (endMod > 0) Add(endBucket, value * endMod);
            }
            string name = $"hitcount({s.Name}, \"{intervalString}\"{(align ? ", true" : "")})";
            var copy = s.Copy(name, buckets.Select((v, b) => filled[b] ? v : double.NaN).ToArray());
            copy.PathExpression = name;
            copy.IntegerValues = ints;
            copy.Start = newStart;
            copy.Step = interval;
            copy.Tags["hitcount"] = intervalString;
            return copy;
        }).ToList();
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
