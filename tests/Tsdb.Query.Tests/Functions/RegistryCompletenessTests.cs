using System.Runtime.CompilerServices;
using System.Text.Json;
using Tsdb.Query.Api;
using Tsdb.Query.Functions;

namespace Tsdb.Query.Tests.Functions;

/// <summary>
/// Every name of graphite-web 1.1.8's render function registry (graphite-compat.md §11.3, 151 names) is
/// registered in its group or listed in omitted-functions.txt with a reason, and /functions advertises
/// only registered names.
/// </summary>
public class RegistryCompletenessTests
{
    private static readonly (string Group, string Names)[] Upstream =
    [
        ("Combine", "aggregate aggregateSeriesLists aggregateWithWildcards applyByNode asPercent averageSeries " +
                    "averageSeriesWithWildcards avg countSeries diffSeries diffSeriesLists divideSeries divideSeriesLists group " +
                    "groupByNode groupByNodes groupByTags map mapSeries maxSeries minSeries multiplySeries multiplySeriesLists " +
                    "multiplySeriesWithWildcards pct percentileOfSeries powSeries rangeOfSeries reduce reduceSeries stddevSeries " +
                    "sum sumSeries sumSeriesLists sumSeriesWithWildcards weightedAverage"),
        ("Transform", "absolute add delay derivative exp hitcount integral integralByInterval interpolate invert isNonNull " +
                      "keepLastValue log logit minMax nonNegativeDerivative offset offsetToZero perSecond pow round scale " +
                      "scaleToSeconds sigmoid sin sinFunction smartSummarize squareRoot summarize time timeFunction timeShift " +
                      "timeSlice timeStack transformNull"),
        ("Calculate", "aggregateLine exponentialMovingAverage holtWintersAberration holtWintersConfidenceArea " +
                      "holtWintersConfidenceBands holtWintersForecast identity linearRegression movingAverage movingMax " +
                      "movingMedian movingMin movingSum movingWindow nPercentile stdev"),
        ("Filter Series", "averageAbove averageBelow averageOutsidePercentile currentAbove currentBelow exclude filterSeries " +
                          "grep highest highestAverage highestCurrent highestMax limit lowest lowestAverage lowestCurrent " +
                          "maximumAbove maximumBelow minimumAbove minimumBelow mostDeviant removeBetweenPercentile " +
                          "removeEmptySeries unique useSeriesAbove"),
        ("Filter Data", "removeAbovePercentile removeAboveValue removeBelowPercentile removeBelowValue"),
        ("Sorting", "sortBy sortByMaxima sortByMinima sortByName sortByTotal"),
        ("Alias", "alias aliasByMetric aliasByNode aliasByTags aliasQuery aliasSub legendValue"),
        ("Graph", "alpha areaBetween color dashed drawAsInfinite lineWidth secondYAxis stacked threshold verticalLine"),
        ("Special", "cactiStyle changed consolidateBy constantLine cumulative events fallbackSeries randomWalk " +
                    "randomWalkFunction seriesByTag setXFilesFactor substr xFilesFactor"),
    ];

    private static IEnumerable<(string Group, string Name)> UpstreamNames() =>
        Upstream.SelectMany(g => g.Names.Split(' ').Select(n => (g.Group, n)));

    private static string ThisDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static Dictionary<string, string> Omitted() =>
        File.ReadAllLines(Path.Combine(ThisDirectory(), "omitted-functions.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1].Trim() : "");

    [Fact]
    public void Upstream_registry_has_151_names()
    {
        Assert.Equal(151, UpstreamNames().Select(n => n.Name).Distinct().Count());
    }

    [Fact]
    public void Every_upstream_name_is_registered_in_its_group_or_omitted_with_a_reason()
    {
        var omitted = Omitted();
        var problems = new List<string>();
        foreach (var (group, name) in UpstreamNames())
        {
            var function = FunctionRegistry.Default.Find(name);
            if (omitted.TryGetValue(name, out var reason))
            {
                if (reason.Length == 0) problems.Add($"{name}: omitted without a reason");
                if (function is not null) problems.Add($"{name}: omitted but registered");
            }
            else if (function is null) problems.Add($"{name}: not registered");
            else if (function.Signature.Group != group) problems.Add($"{name}: group {function.Signature.Group}, upstream {group}");
            else if (function.Signature.Pie) problems.Add($"{name}: registered as a pie function");
        }
        Assert.Empty(problems);
        Assert.All(omitted.Keys, name => Assert.Contains(name, UpstreamNames().Select(n => n.Name)));
    }

    [Fact]
    public void Registry_adds_no_names_beyond_upstream_series_functions()
    {
        var upstream = UpstreamNames().Select(n => n.Name).ToHashSet();
        var extra = FunctionRegistry.Default.Names.Where(n => !FunctionRegistry.Default.Find(n)!.Signature.Pie && !upstream.Contains(n));
        Assert.Empty(extra);
    }

    [Theory]
    [InlineData("")]
    [InlineData("pie")]
    public void Functions_endpoint_lists_only_registered_names(string type)
    {
        var service = new FunctionsService();
        var p = new RequestParameters(type.Length > 0 ? [new KeyValuePair<string, string>("type", type)] : []);
        using var flat = JsonDocument.Parse(service.List(p).Body);
        foreach (var entry in flat.RootElement.EnumerateObject())
        {
            var function = FunctionRegistry.Default.Find(entry.Name);
            Assert.True(function is not null, $"/functions lists unregistered {entry.Name}");
            Assert.Equal(type == "pie", function!.Signature.Pie);
            Assert.Equal(entry.Name, entry.Value.GetProperty("name").GetString());
        }
        var grouped = new RequestParameters([new("grouped", "1"), .. type.Length > 0 ? [new KeyValuePair<string, string>("type", type)] : Array.Empty<KeyValuePair<string, string>>()]);
        using var byGroup = JsonDocument.Parse(service.List(grouped).Body);
        foreach (var group in byGroup.RootElement.EnumerateObject())
        foreach (var entry in group.Value.EnumerateObject())
            Assert.Equal(group.Name, FunctionRegistry.Default.Find(entry.Name)?.Signature.Group);
    }

    [Fact]
    public void SeriesByTag_is_advertised_although_the_evaluator_answers_it()
    {
        using var doc = JsonDocument.Parse(new FunctionsService().List(new RequestParameters([])).Body);
        var seriesByTag = doc.RootElement.GetProperty("seriesByTag");
        Assert.Equal("Special", seriesByTag.GetProperty("group").GetString());
    }
}
