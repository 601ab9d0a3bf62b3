using Tsdb.Query.Functions;

namespace Tsdb.Query.Tests.Functions;

/// <summary>The registry discovers every function of this set (names and aliases) once, with graphite-web's groups.</summary>
public class RegistryCoverageTests
{
    [Theory]
    [InlineData("sumSeries", "Combine")] [InlineData("sum", "Combine")] [InlineData("averageSeries", "Combine")]
    [InlineData("avg", "Combine")] [InlineData("minSeries", "Combine")] [InlineData("maxSeries", "Combine")]
    [InlineData("diffSeries", "Combine")] [InlineData("stddevSeries", "Combine")] [InlineData("rangeOfSeries", "Combine")]
    [InlineData("multiplySeries", "Combine")] [InlineData("countSeries", "Combine")] [InlineData("asPercent", "Combine")]
    [InlineData("pct", "Combine")] [InlineData("divideSeries", "Combine")] [InlineData("groupByNode", "Combine")]
    [InlineData("groupByNodes", "Combine")]
    [InlineData("alias", "Alias")] [InlineData("aliasByNode", "Alias")] [InlineData("aliasSub", "Alias")]
    [InlineData("aliasByMetric", "Alias")]
    [InlineData("scale", "Transform")] [InlineData("offset", "Transform")] [InlineData("perSecond", "Transform")]
    [InlineData("nonNegativeDerivative", "Transform")] [InlineData("derivative", "Transform")]
    [InlineData("summarize", "Transform")] [InlineData("keepLastValue", "Transform")] [InlineData("transformNull", "Transform")]
    [InlineData("timeShift", "Transform")] [InlineData("absolute", "Transform")] [InlineData("integral", "Transform")]
    [InlineData("movingAverage", "Calculate")] [InlineData("movingSum", "Calculate")] [InlineData("movingMin", "Calculate")]
    [InlineData("movingMax", "Calculate")] [InlineData("movingMedian", "Calculate")] [InlineData("movingWindow", "Calculate")]
    [InlineData("consolidateBy", "Special")] [InlineData("constantLine", "Special")]
    [InlineData("highestCurrent", "Filter Series")] [InlineData("highestMax", "Filter Series")]
    [InlineData("highestAverage", "Filter Series")] [InlineData("lowestCurrent", "Filter Series")]
    [InlineData("currentAbove", "Filter Series")] [InlineData("currentBelow", "Filter Series")]
    [InlineData("averageAbove", "Filter Series")] [InlineData("averageBelow", "Filter Series")]
    [InlineData("maximumAbove", "Filter Series")] [InlineData("maximumBelow", "Filter Series")]
    [InlineData("limit", "Filter Series")] [InlineData("grep", "Filter Series")] [InlineData("exclude", "Filter Series")]
    [InlineData("removeBelowValue", "Filter Data")] [InlineData("removeAboveValue", "Filter Data")]
    [InlineData("sortByName", "Sorting")]
    public void Function_is_registered_in_its_group(string name, string group)
    {
        var f = FunctionRegistry.Default.Find(name);
        Assert.NotNull(f);
        Assert.Equal(group, f!.Signature.Group);
        Assert.Equal(f.Signature.Params.Select(p => p.Name).Distinct().Count(), f.Signature.Params.Count);
    }
}
