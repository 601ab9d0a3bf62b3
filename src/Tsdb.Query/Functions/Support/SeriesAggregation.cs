using System.Numerics;
using System.Runtime.InteropServices;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// graphite-web's aggregate() (render/functions.py), the engine of sumSeries, averageSeries & co.,
/// groupByNode and the *WithWildcards functions.
/// </summary>
public static class SeriesAggregation
{
    /// <summary>
    /// Step-normalizes the inputs, then combines them index by index (lists padded with null; different
    /// starts are not re-aligned, as upstream). A row gives func(row) when it has a non-null and
    /// non-nulls / row length &gt;= xFilesFactor (argument, else the request's), else null.
    /// Name "&lt;func&gt;Series(&lt;distinct pathExpressions joined by ','&gt;)" with a trailing "Series" of
    /// <paramref name="func"/> removed; tags = the tags common to all inputs (in the first input's
    /// order), "name" = the new name unless common, then "aggregatedBy" = func. Empty input -> empty.
    /// </summary>
    public static List<TimeSeries> Aggregate(EvaluationContext context, IReadOnlyList<TimeSeries> seriesList, string func, double? xFilesFactor = null)
        => Aggregate(context.XFilesFactor, seriesList, func, xFilesFactor);

    public static List<TimeSeries> Aggregate(double requestXFilesFactor, IReadOnlyList<TimeSeries> seriesList, string func, double? xFilesFactor = null)
    {
        string rawFunc = func;
        if (func.EndsWith("Series", StringComparison.Ordinal)) func = func[..^"Series".Length];
        if (!Aggregators.TryGet(func, out var aggregator))
            throw new QueryException($"Unsupported aggregation function: {rawFunc}");

        var normalized = StepNormalizer.Normalize(seriesList, requestXFilesFactor);
        if (normalized is null) return [];

        double xff = xFilesFactor ?? requestXFilesFactor;
        string name = $"{func}Series({FormatPathExpressions(seriesList)})";
        var values = CombineColumns(normalized.Values, func, xff)
                     ?? CombineRows(normalized.Values, row => RowPassesXff(row, xff) ? aggregator(row) : double.NaN);

        var tags = CommonTags(seriesList);
        if (!tags.ContainsKey("name")) tags["name"] = name;
        tags["aggregatedBy"] = func;
        return [new TimeSeries(name, normalized.Start, normalized.End, normalized.Step, values, name, tags)
        {
            XFilesFactor = xff,
            IntegerValues = IntegerResults(seriesList, normalized.Step, func, values),
        }];
    }

    /// <summary>
    /// Which results Python holds as int (csv, raw and JSON print them without ".0"): a count always
    /// (len(row)); min, max, last and current when the element min(), max() or the last non-null picks is one
    /// (the first of equal extremes, so a float 0.0 before an int 0 wins); sum and diff when every term is (int op
    /// int stays int), and median when the count is odd and every value is. An input re-stepped to the common step
    /// holds consolidated floats, so with one the row is left as floats. Null when there is none.
    /// </summary>
    private static bool[]? IntegerResults(IReadOnlyList<TimeSeries> inputs, long step, string func, double[] values)
    {
        if (IntegerMarks.ForAggregation(func, values) is { } counts) return counts;
        bool picks = IntegerMarks.PicksAValue(func);
        bool closed = IntegerMarks.IsArithmetic(func), median = IntegerMarks.IsMedian(func);
        if (!(picks || closed || median) || !inputs.All(s => s.Step == step) || inputs.All(s => s.IntegerValues is null)) return null;
        static bool Known(TimeSeries s, int i) => i < s.Values.Length && !double.IsNaN(s.Values[i]);
        static bool IsInt(TimeSeries s, int i) => s.IntegerValues is { } marks && i < marks.Length && marks[i];
        var ints = new bool[values.Length];
        for (int i = 0; i < ints.Length; i++)
        {
            if (double.IsNaN(values[i])) continue;
            if (closed || median)
            {
                int known = IntegerMarks.KnownIntsAt(inputs, i);
                ints[i] = known > 0 && (closed || known % 2 == 1);
                continue;
            }
            TimeSeries? picked = null;
            foreach (var s in inputs)
            {
                if (!Known(s, i)) continue;
                if (picked is null || func is "last" or "current"
                    || (func == "min" ? s.Values[i] < picked.Values[i] : s.Values[i] > picked.Values[i]))
                    picked = s;
            }
            ints[i] = picked is not null && IsInt(picked, i);
        }
        return ints;
    }

    /// <summary>graphite-web formatPathExpressions: the inputs' pathExpressions, de-duplicated in order, joined by ','.</summary>
    public static string FormatPathExpressions(IEnumerable<TimeSeries> seriesList)
    {
        var seen = new List<string>();
        foreach (var s in seriesList)
            if (!seen.Contains(s.PathExpression)) seen.Add(s.PathExpression);
        return string.Join(",", seen);
    }

    /// <summary>Python zip_longest over the value lists: row i holds each list's value i, null when a list is shorter.</summary>
    public static double[] CombineRows(IReadOnlyList<double[]> lists, Func<double[], double> combine)
    {
        double[][] arrays = lists as double[][] ?? [.. lists];
        int length = 0;
        foreach (var l in arrays) length = Math.Max(length, l.Length);
        var result = new double[length];
        var row = new double[arrays.Length];
        for (int i = 0; i < length; i++)
        {
            for (int j = 0; j < arrays.Length; j++)
            {
                var list = arrays[j];
                row[j] = (uint)i < (uint)list.Length ? list[i] : double.NaN;
            }
            result[i] = combine(row);
        }
        return result;
    }

    /// <summary>
    /// The rows of <see cref="CombineRows"/> through aggregator <paramref name="func"/> with the xFilesFactor test,
    /// computed list by list into running per-index accumulators (each index sees its values in the same order
    /// with the same operations as a row would, so the results are identical). Null for the aggregators that
    /// need a whole row at once (median, stddev).
    /// </summary>
    public static double[]? CombineColumns(IReadOnlyList<double[]> lists, string func, double xFilesFactor)
    {
        int kind = func switch
        {
            "average" or "avg" => 0, "avg_zero" => 1, "sum" or "total" => 2, "min" => 3, "max" => 4, "diff" => 5,
            "count" => 6, "range" or "rangeOf" => 7, "multiply" => 8, "last" or "current" => 9,
            _ => -1,
        };
        if (kind < 0) return null;
        int rows = 0;
        foreach (var l in lists) rows = Math.Max(rows, l.Length);
        int total = lists.Count;
        var acc = new double[rows];         // sum / min / product / diff / last
        long[] rentedCounts = System.Buffers.ArrayPool<long>.Shared.Rent(rows);
        var nonNull = rentedCounts.AsSpan(0, rows);
        nonNull.Clear();
        double[]? max = kind == 7 ? new double[rows] : null;
        bool[]? anyNull = kind == 8 ? new bool[rows] : null;
        if (kind == 8) acc.AsSpan().Fill(1);
        foreach (var list in lists)
        {
            if (kind <= 2)
            {
                // sum / average / avg_zero: the common case, without the per-value switch, a vector at a time:
                // a null adds +0.0, which leaves the sum as it is (a sum from +0.0 is never -0.0).
                int i0 = 0;
                if (Vector.IsHardwareAccelerated && Vector<double>.Count == Vector<long>.Count)
                {
                    var sums = MemoryMarshal.Cast<double, Vector<double>>(acc.AsSpan(0, list.Length));
                    var counts = MemoryMarshal.Cast<long, Vector<long>>(nonNull[..list.Length]);
                    var inputs = MemoryMarshal.Cast<double, Vector<double>>(list.AsSpan());
                    for (int w = 0; w < inputs.Length; w++)
                    {
                        var v = inputs[w];
                        var present = Vector.Equals(v, v);
                        sums[w] += Vector.ConditionalSelect(present, v, Vector<double>.Zero);
                        counts[w] -= present;
                    }
                    i0 = inputs.Length * Vector<double>.Count;
                }
                for (int i = i0; i < list.Length; i++)
                {
                    double v = list[i];
                    if (double.IsNaN(v)) continue;
                    acc[i] += v;
                    nonNull[i]++;
                }
                continue;
            }
            if (list.Length < rows && anyNull is not null) anyNull.AsSpan(list.Length).Fill(true);
            for (int i = 0; i < list.Length; i++)
            {
                double v = list[i];
                if (double.IsNaN(v))
                {
                    if (anyNull is not null) anyNull[i] = true;
                    continue;
                }
                int n = (int)nonNull[i]++;
                switch (kind)
                {
                    case 0: case 1: case 2: acc[i] += v; break;
                    case 3: if (n == 0 || v < acc[i]) acc[i] = v; break;
                    case 4: if (n == 0 || v > acc[i]) acc[i] = v; break;
                    case 5: acc[i] = n == 0 ? v : acc[i] - v; break;
                    case 7:
                        if (n == 0 || v < acc[i]) acc[i] = v;
                        if (n == 0 || v > max![i]) max![i] = v;
                        break;
                    case 8: acc[i] *= v; break;
                    case 9: acc[i] = v; break;
                }
            }
        }
        int from = kind <= 2 ? FinishSums(acc, nonNull, kind, total, xFilesFactor) : 0;
        var passes = new bool[total + 1];
        for (int n = 0; n <= total; n++) passes[n] = PassesXff(n, total, xFilesFactor);
        for (int i = from; i < rows; i++)
        {
            int n = (int)nonNull[i];
            if (!passes[n]) { acc[i] = double.NaN; continue; }
            switch (kind)
            {
                case 0: acc[i] /= n; break;
                case 1: acc[i] /= total; break;
                case 6: acc[i] = n; break;
                case 7: acc[i] = max![i] - acc[i]; break;
                case 8: if (anyNull![i]) acc[i] = double.NaN; break;
            }
        }
        System.Buffers.ArrayPool<long>.Shared.Return(rentedCounts);
        return acc;
    }

    /// <summary>
    /// The last step of sum / average / avg_zero a vector at a time: a row without non-nulls or below the
    /// xFilesFactor is NaN, an average is divided by its non-null count (avg_zero by the list count). The same
    /// operations as <see cref="PassesXff"/> and the scalar division (the count converted to double, then IEEE
    /// division), so the same bits. Returns the first row left to the scalar loop.
    /// </summary>
    private static int FinishSums(double[] acc, Span<long> nonNull, int kind, int total, double xFilesFactor)
    {
        if (!Vector.IsHardwareAccelerated || Vector<double>.Count != Vector<long>.Count) return 0;
        var sums = MemoryMarshal.Cast<double, Vector<double>>(acc.AsSpan());
        var counts = MemoryMarshal.Cast<long, Vector<long>>(nonNull[..acc.Length]);
        var totalVector = new Vector<double>(total);
        var xff = new Vector<double>(xFilesFactor);
        var nan = new Vector<double>(double.NaN);
        for (int w = 0; w < sums.Length; w++)
        {
            var n = Vector.ConvertToDouble(counts[w]);
            // PassesXff: nonNull > 0 && total > 0 && nonNull / total >= xFilesFactor (total > 0: lists exist).
            var passes = Vector.GreaterThan(n, Vector<double>.Zero) & Vector.GreaterThanOrEqual(n / totalVector, xff);
            var value = kind switch { 0 => sums[w] / n, 1 => sums[w] / totalVector, _ => sums[w] };
            sums[w] = Vector.ConditionalSelect(passes, value, nan);
        }
        return sums.Length * Vector<double>.Count;
    }

    /// <summary>graphite-web xffValues: at least one non-null and non-nulls / length &gt;= xFilesFactor.</summary>
    public static bool RowPassesXff(ReadOnlySpan<double> row, double xFilesFactor)
    {
        int nonNull = 0;
        foreach (var v in row) if (!double.IsNaN(v)) nonNull++;
        return PassesXff(nonNull, row.Length, xFilesFactor);
    }

    /// <summary>graphite-web xff(nonNull, total, xFilesFactor).</summary>
    public static bool PassesXff(int nonNull, double total, double xFilesFactor)
        => nonNull > 0 && total > 0 && nonNull / total >= xFilesFactor;

    /// <summary>Tags present with equal values in every series, in the first series' order.</summary>
    public static Tags CommonTags(IReadOnlyList<TimeSeries> seriesList)
    {
        var tags = new Tags();
        if (seriesList.Count == 0) return tags;
        foreach (var kv in seriesList[0].Tags.Items)
        {
            bool common = true;
            foreach (var s in seriesList)
                if (s.Tags[kv.Key] != kv.Value) { common = false; break; }
            if (common) tags[kv.Key] = kv.Value;
        }
        return tags;
    }
}
