using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Evaluation;

/// <summary>
/// Render options (color, dashed, stacked...) survive the functions graphite-web changes series in place with,
/// and not the ones that build new series (TimeSeries.copy() leaves them behind), so images draw the same.
/// </summary>
public class RenderOptionsThroughFunctionsTests
{
    private const long Until = 1_000_000;

    private static Dictionary<string, object?> OptionsOf(string target)
    {
        var store = new InMemoryMetricStore().Add("a.x", Until - 60, 10, 1, 2, 3, 4, 5, 6);
        var evaluator = new Evaluator(store);
        var result = evaluator.EvaluateTargets([target], evaluator.CreateContext(Until - 60, Until, Until));
        return Assert.Single(result).Options;
    }

    [Fact]
    public void In_place_functions_keep_the_options()
    {
        Assert.Equal(5L, OptionsOf("alias(dashed(a.x), 'x')")["dashed"]);
        Assert.Equal("red", OptionsOf("scale(color(a.x, 'red'), 2)")["color"]);
        Assert.Equal(true, OptionsOf("keepLastValue(secondYAxis(a.x))")["secondYAxis"]);
    }

    [Fact]
    public void Functions_that_build_new_series_drop_them()
    {
        Assert.Empty(OptionsOf("movingAverage(dashed(a.x), 2)"));
        Assert.Empty(OptionsOf("sumSeries(color(a.x, 'red'))"));
        Assert.Empty(OptionsOf("timeShift(lineWidth(a.x, 3), '1min')"));
        // stacked builds new series and marks them stacked itself.
        Assert.Equal(["stacked"], OptionsOf("stacked(color(a.x, 'red'))").Keys);
    }

    [Fact]
    public void Every_listed_function_is_registered()
    {
        var registry = FunctionRegistry.Default;
        foreach (var name in NewSeriesFunctions.All)
            Assert.True(registry.FindSeriesFunction(name) is { } f && f.Signature.Name == name, $"{name} is not a registered function name");
    }
}
