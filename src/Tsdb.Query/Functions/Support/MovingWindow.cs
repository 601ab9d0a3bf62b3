using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web movingWindow (render/functions.py), shared by movingAverage, movingSum, movingMin,
/// movingMax, movingMedian and movingWindow. windowSize is a point count (long) or a quoted interval
/// (string). The first argument is evaluated again from (from - preview) so the first points have a
/// full window: preview = max step of the inputs x points, or the interval's seconds. The value at i is
/// func over the non-null values of the window [i - n, i) — point i itself is excluded — and null when
/// the window has no non-null or non-nulls / n is below xFilesFactor (argument, else the series').
/// Name "moving&lt;Func&gt;(x,5)" or 'moving&lt;Func&gt;(x,"5min")' (Func = Python str.capitalize of the
/// aggregation name), start = fetched start + preview, pathExpression = the new name, tag
/// moving&lt;Func&gt; = str(windowSize).
/// </summary>
public static class MovingWindow
{
    public static List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args, string func)
    {
        var seriesList = args.SeriesList("seriesList");
        if (seriesList.Count == 0) return [];
        var aggregator = Aggregators.Get(func);
        double? xFilesFactor = args.Double("xFilesFactor");

        object window = args["windowSize"] ?? throw new QueryException("windowSize is required");
        string? interval = window as string;
        long points = 0;
        long previewSeconds;
        if (interval is not null)
        {
            previewSeconds = Math.Abs(TimeOffset.ParseSeconds(interval));
        }
        else
        {
            points = window switch
            {
                long l => l,
                int i => i,
                double d => (long)d,
                _ => throw new QueryException($"windowSize must be an integer or an interval string, got {window}"),
            };
            previewSeconds = seriesList.Max(s => s.Step) * points;
        }

        var expression = args.ExpressionOf("seriesList")
            ?? throw new QueryException("moving window functions need their first argument as an expression to evaluate again");
        var previewList = context.EvaluateInRange(expression, context.From - previewSeconds, context.Until);

        string tagName = "moving" + Capitalize(func);
        var result = new List<TimeSeries>(previewList.Count);
        foreach (var series in previewList)
        {
            long windowPoints = interval is not null ? previewSeconds / series.Step : points;
            string name = interval is not null
                ? $"{tagName}({series.Name},\"{interval}\")"
                : $"{tagName}({series.Name},{points})";
            double effectiveXff = xFilesFactor ?? series.XFilesFactor ?? context.XFilesFactor;

            var raw = series.Values;
            var values = new double[Math.Max(0, raw.Length - windowPoints)];
            var nonNull = new List<double>((int)Math.Min(windowPoints, 4096));
            for (long i = windowPoints; i < raw.Length; i++)
            {
                nonNull.Clear();
                for (long j = i - windowPoints; j < i; j++)
                    if (!double.IsNaN(raw[j])) nonNull.Add(raw[j]);
                values[i - windowPoints] = SeriesAggregation.PassesXff(nonNull.Count, windowPoints, effectiveXff)
                    ? aggregator(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nonNull))
                    : double.NaN;
            }

            var copy = series.Copy(name, values);
            copy.Start = series.Start + previewSeconds;
            copy.PathExpression = name;
            copy.Tags[tagName] = interval ?? TagValue.Of(points);
            result.Add(copy);
        }
        return result;
    }

    /// <summary>Python str.capitalize: first character upper case, the rest lower case.</summary>
    private static string Capitalize(string s)
        => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
}
