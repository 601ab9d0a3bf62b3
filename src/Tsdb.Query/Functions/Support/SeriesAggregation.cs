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
        var values = CombineRows(normalized.Values, row => RowPassesXff(row, xff) ? aggregator(row) : double.NaN);

        var tags = CommonTags(seriesList);
        if (!tags.ContainsKey("name")) tags["name"] = name;
        tags["aggregatedBy"] = func;
        return [new TimeSeries(name, normalized.Start, normalized.End, normalized.Step, values, name, tags) { XFilesFactor = xff }];
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
        int length = lists.Count == 0 ? 0 : lists.Max(l => l.Length);
        var result = new double[length];
        var row = new double[lists.Count];
        for (int i = 0; i < length; i++)
        {
            for (int j = 0; j < lists.Count; j++) row[j] = i < lists[j].Length ? lists[j][i] : double.NaN;
            result[i] = combine(row);
        }
        return result;
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
