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
        bool sumBased = func is "average" or "avg" or "sum" or "total";
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

            var values = sumBased && windowPoints is > 0 and < int.MaxValue
                ? SumWindows(series.Values, (int)windowPoints, effectiveXff, divide: func is "average" or "avg")
                : AggregateWindows(series.Values, windowPoints, effectiveXff, aggregator);

            var copy = series.Copy(name, values);
            copy.Start = series.Start + previewSeconds;
            copy.PathExpression = name;
            copy.IntegerValues = IntegerMarks.ForAggregation(func, values) ?? WindowIntegers(series, windowPoints, func, values);
            copy.Tags[tagName] = interval ?? TagValue.Of(points);
            result.Add(copy);
        }
        return result;
    }

    /// <summary>value k = aggregator over the non-null values of raw[k .. k + n), graphite-web's loop as it is.</summary>
    private static double[] AggregateWindows(double[] raw, long n, double xff, Aggregators.Aggregator aggregator)
    {
        var values = new double[Math.Max(0, raw.Length - n)];
        var nonNull = new List<double>((int)Math.Min(n, 4096));
        for (long i = n; i < raw.Length; i++)
        {
            nonNull.Clear();
            for (long j = i - n; j < i; j++)
                if (!double.IsNaN(raw[j])) nonNull.Add(raw[j]);
            values[i - n] = SeriesAggregation.PassesXff(nonNull.Count, n, xff)
                ? aggregator(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(nonNull))
                : double.NaN;
        }
        return values;
    }

    /// <summary>The same values for sum and average (sum / non-null count), from <see cref="WindowSums"/>: the
    /// windows are added up in vector lanes, with the same additions in the same order.</summary>
    private static double[] SumWindows(double[] raw, int n, double xff, bool divide)
    {
        var values = new double[Math.Max(0, raw.Length - n)];
        if (values.Length == 0) return values; // fewer values than the window: no window, as graphite-web's loop
        var counts = new int[values.Length];
        WindowSums.Compute(raw.AsSpan(0, raw.Length - 1), n, values, counts);
        for (int k = 0; k < values.Length; k++)
        {
            int count = counts[k];
            values[k] = SeriesAggregation.PassesXff(count, n, xff)
                ? (divide ? values[k] / count : values[k])
                : double.NaN;
        }
        return values;
    }

    /// <summary>Which windows give a Python int: for min, max, last and the like those whose picked value is one
    /// (<see cref="WindowPicks"/>, so also in a window mixing ints and floats); for a sum those whose every non-null
    /// value is, for a median also an odd count of them (a mixed median is left as a float, though its middle value
    /// may be an int). Sliding counts keep it linear in the series whatever the window.</summary>
    private static bool[]? WindowIntegers(TimeSeries series, long n, string func, double[] values)
    {
        bool median = IntegerMarks.IsMedian(func);
        if (series.IntegerValues is not { } marks || n <= 0 || !(IntegerMarks.PicksAValue(func) || IntegerMarks.IsArithmetic(func) || median))
            return null;
        var raw = series.Values;
        if (IntegerMarks.PicksAValue(func))
        {
            var picks = WindowPicks(raw, (int)Math.Min(n, raw.Length), func, values.Length);
            var picked = new bool[values.Length];
            for (int k = 0; k < picked.Length; k++)
                picked[k] = !double.IsNaN(values[k]) && picks[k] >= 0 && picks[k] < marks.Length && marks[picks[k]];
            return picked;
        }
        bool IsFloat(long j) => !double.IsNaN(raw[j]) && !(j < marks.Length && marks[j]);
        int floats = 0, known = 0;
        for (long j = 0; j < n && j < raw.Length; j++)
        {
            if (IsFloat(j)) floats++;
            if (!double.IsNaN(raw[j])) known++;
        }
        var ints = new bool[values.Length];
        for (int k = 0; k < values.Length; k++)
        {
            // Output k is the window raw[k .. k + n).
            ints[k] = !double.IsNaN(values[k]) && floats == 0 && (!median || known % 2 == 1);
            if (IsFloat(k)) floats--;
            if (!double.IsNaN(raw[k])) known--;
            if (k + n < raw.Length)
            {
                if (IsFloat(k + n)) floats++;
                if (!double.IsNaN(raw[k + n])) known++;
            }
        }
        return ints;
    }

    /// <summary>For each of the <paramref name="windows"/> windows raw[k .. k + n): the index of the value
    /// <see cref="IntegerMarks.PickedIndex"/> would pick there, -1 for a window of nulls. A queue of the candidates
    /// (indices in order; a value entering drops those it beats: every one for last, larger ones for min, smaller
    /// ones for max, so of equal extremes the first stays ahead) keeps it linear whatever the window.</summary>
    private static int[] WindowPicks(double[] raw, int n, string func, int windows)
    {
        bool last = func is "last" or "current", min = func == "min";
        var picks = new int[windows];
        var queue = new int[raw.Length]; // each index enters once, so the tail never passes the end
        int head = 0, tail = 0, next = 0;
        for (int k = 0; k < windows; k++)
        {
            for (; next < k + n; next++)
            {
                double v = raw[next];
                if (double.IsNaN(v)) continue;
                while (tail > head && (last || (min ? raw[queue[tail - 1]] > v : raw[queue[tail - 1]] < v))) tail--;
                queue[tail++] = next;
            }
            while (tail > head && queue[head] < k) head++;
            picks[k] = tail > head ? queue[head] : -1;
        }
        return picks;
    }

    /// <summary>Python str.capitalize: first character upper case, the rest lower case.</summary>
    private static string Capitalize(string s)
        => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();
}
