using Tsdb.Query.Api;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Api;

public class FunctionsServiceTests
{
    private sealed class Fake(FunctionSignature signature) : RenderFunction
    {
        public override FunctionSignature Signature => signature;
        public override List<TimeSeries> Evaluate(EvaluationContext context, CallArguments args) => [];
    }

    private static readonly FunctionsService Service = new(new FunctionRegistry(
    [
        new Fake(new FunctionSignature("keepLastValue", "Transform",
            [new ParamSpec("seriesList", ParamType.SeriesList, Required: true), new ParamSpec("limit", ParamType.IntOrInf, Default: double.PositiveInfinity)],
            "Fills gaps.")),
        new Fake(new FunctionSignature("sumSeries", "Combine",
            [new ParamSpec("seriesLists", ParamType.SeriesList, Required: true, Multiple: true)], "Sums.", Aliases: ["sum"], Aggregator: true)),
        new Fake(new FunctionSignature("summarize", "Transform",
            [
                new ParamSpec("seriesList", ParamType.SeriesList, Required: true),
                new ParamSpec("intervalString", ParamType.Interval, Required: true, Suggestions: ["10min", "1h", "1d"]),
                new ParamSpec("func", ParamType.AggOrSeriesFunc, Default: "sum"),
                new ParamSpec("alignToFrom", ParamType.Boolean, Default: false),
            ], "Summarizes.")),
        new Fake(new FunctionSignature("average", "Pie", [new ParamSpec("series", ParamType.Series, Required: true)], "Mean.", Pie: true)),
    ]));

    private static RequestParameters P(params (string Key, string Value)[] ps) =>
        new(ps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Details_with_infinity_default_as_valid_json()
    {
        var r = Service.Details("keepLastValue", P());
        Assert.Equal((200, "application/json"), (r.StatusCode, r.ContentType));
        Assert.Equal("{\"name\": \"keepLastValue\", \"function\": \"keepLastValue(seriesList, limit=inf)\", \"description\": \"Fills gaps.\", \"module\": \"graphite.render.functions\", \"group\": \"Transform\", \"params\": [{\"name\": \"seriesList\", \"type\": \"seriesList\", \"required\": true}, {\"name\": \"limit\", \"type\": \"intOrInf\", \"default\": 1e9999}]}", r.Body);
    }

    [Fact]
    public void Options_include_aggregator_functions_and_suggestions()
    {
        string body = Service.Details("summarize", P()).Body;
        Assert.Contains("\"function\": \"summarize(seriesList, intervalString, func='sum', alignToFrom=False)\"", body);
        Assert.Contains("{\"name\": \"intervalString\", \"type\": \"interval\", \"required\": true, \"suggestions\": [\"10min\", \"1h\", \"1d\"]}", body);
        Assert.Contains("{\"name\": \"func\", \"type\": \"aggOrSeriesFunc\", \"default\": \"sum\", \"options\": [\"average\", \"avg\", \"avg_zero\", \"count\", \"current\", \"diff\", \"last\", \"max\", \"median\", \"min\", \"multiply\", \"range\", \"rangeOf\", \"stddev\", \"sum\", \"sumSeries\", \"total\"]}", body);
        Assert.Contains("{\"name\": \"alignToFrom\", \"type\": \"boolean\", \"default\": false}", body);
    }

    [Fact]
    public void List_filters_groups_and_pie()
    {
        string all = Service.List(P()).Body;
        Assert.StartsWith("{\"keepLastValue\": {", all);
        Assert.Contains("\"sum\": {\"name\": \"sum\", \"function\": \"sum(*seriesLists)\"", all);
        Assert.DoesNotContain("\"average\": {", all);
        Assert.Equal("{\"average\": {\"name\": \"average\", \"function\": \"average(series)\", \"description\": \"Mean.\", \"module\": \"graphite.render.functions\", \"group\": \"Pie\", \"params\": [{\"name\": \"series\", \"type\": \"series\", \"required\": true}]}}",
            Service.List(P(("type", "pie"))).Body);
        Assert.StartsWith("{\"Combine\": {\"sum\": {", Service.List(P(("grouped", "true"))).Body);
        Assert.Equal(["keepLastValue", "summarize"], System.Text.Json.JsonDocument.Parse(Service.List(P(("group", "Transform"))).Body)
            .RootElement.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public void Pretty_sorts_keys_and_unknown_is_404()
    {
        Assert.StartsWith("{\n  \"description\": \"Fills gaps.\",\n  \"function\": ", Service.Details("keepLastValue", P(("pretty", "1"))).Body);
        var missing = Service.Details("nope", P());
        Assert.Equal((404, "{\"error\": \"Function not found: nope\"}"), (missing.StatusCode, missing.Body));
        Assert.Equal("1.1.8\n", VersionInfo.Response().Body);
    }

    [Fact]
    public void Default_registry_lists_valid_json()
    {
        string body = new FunctionsService().List(P()).Body;
        using var doc = System.Text.Json.JsonDocument.Parse(body);
        Assert.Equal(FunctionRegistry.Default.Names.Count(n => !FunctionRegistry.Default.Find(n)!.Signature.Pie),
            doc.RootElement.EnumerateObject().Count());
    }
}
