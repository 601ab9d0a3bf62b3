using Tsdb.Query.Model;

namespace Tsdb.Query.Functions.Support;

/// <summary>
/// The graphite-web 1.1.8 functions whose answers are new series (built with TimeSeries(...) or series.copy(),
/// directly or through aggregate, movingWindow, nPercentile...), as opposed to their inputs changed in place.
/// A new series has none of its input's render options (color, alpha, dashed, lineWidth, secondYAxis, stacked,
/// drawAsInfinite...), so movingAverage(dashed(x), 5) draws a solid line: the evaluator removes the options from
/// these functions' answers, except the ones a function sets itself (<see cref="OwnOptions"/>). Only graph
/// images show the difference.
/// </summary>
public static class NewSeriesFunctions
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "aggregate", "aggregateLine", "aggregateSeriesLists", "aggregateWithWildcards", "aliasQuery", "applyByNode",
        "asPercent", "averageSeries", "averageSeriesWithWildcards", "constantLine", "countSeries", "delay",
        "derivative", "diffSeries", "diffSeriesLists", "divideSeries", "divideSeriesLists", "exponentialMovingAverage",
        "groupByNode", "groupByNodes", "groupByTags", "hitcount", "holtWintersAberration", "holtWintersConfidenceArea",
        "holtWintersConfidenceBands", "holtWintersForecast", "identity", "integral", "integralByInterval",
        "linearRegression", "log", "maxSeries", "minSeries", "movingAverage", "movingMax", "movingMedian",
        "movingMin", "movingSum", "movingWindow", "multiplySeries", "multiplySeriesLists", "multiplySeriesWithWildcards",
        "nPercentile", "nonNegativeDerivative", "perSecond", "percentileOfSeries", "powSeries", "rangeOfSeries",
        "smartSummarize", "stacked", "stddevSeries", "stdev", "sumSeries", "sumSeriesLists", "sumSeriesWithWildcards",
        "summarize", "threshold", "timeShift", "timeStack", "useSeriesAbove", "verticalLine", "weightedAverage",
    };

    /// <summary>The render options these functions put on the series they build.</summary>
    private static readonly Dictionary<string, string[]> OwnOptions = new(StringComparer.Ordinal)
    {
        ["stacked"] = ["stacked"],
        ["verticalLine"] = ["drawAsInfinite", "color"],
        ["threshold"] = ["color"],
        ["holtWintersConfidenceArea"] = ["stacked", "invisible"],
    };

    public static IReadOnlyCollection<string> All => Names;

    /// <summary>Removes from <paramref name="answer"/> the render options <paramref name="functionName"/> does not set itself, when it builds new series.</summary>
    public static void DropInheritedOptions(string functionName, List<TimeSeries> answer)
    {
        if (!Names.Contains(functionName)) return;
        string[] own = OwnOptions.GetValueOrDefault(functionName, []);
        foreach (var series in answer)
            foreach (var key in series.Options.Keys.Where(k => !own.Contains(k)).ToList())
                series.Options.Remove(key);
    }
}
