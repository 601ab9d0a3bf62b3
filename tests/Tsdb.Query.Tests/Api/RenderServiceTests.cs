using Tsdb.Query.Api;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Api;

/// <summary>Byte-exact render answers; expected bodies are graphite-web 1.1.8's (tests/golden/expected).</summary>
public class RenderServiceTests
{
    private const long Now = 1795730400; // 2026-11-26 22:00:00 UTC

    private static InMemoryMetricStore Store() => new InMemoryMetricStore()
        .Add("app.req", Now - 2, 1, 8.0, 9.0, 0.0)
        .Add("app.temp.a", Now - 5, 1, 25.0, double.NaN, double.NaN, double.NaN, double.NaN, 26.0)
        .Add("app.temp.b", Now - 100, 1, 1.0)
        .Add("app.temp.c", Now - 4, 1, -8.0, -9.5, -11.0, -12.5, -14.0)
        .Add("edge.inf", Now - 3, 1, double.PositiveInfinity, 1.0, double.NegativeInfinity)
        .Add("edge.values", Now - 6, 1, 0.1, 1e-05, 1e+16, -0.0, 0.30000000000000004, 1.5e-07, 123456789.123)
        .Add("disk.used;dc=eu", Now - 1, 1, 3.0, 4.0)
        .Add("disk.used;dc=us", Now - 1, 1, 5.0, double.NaN);

    private sealed class FixedTags(params string[] names) : ISeriesByTagResolver
    {
        public IReadOnlyList<string> FindSeries(IReadOnlyList<string> tagExpressions) =>
            tagExpressions.SequenceEqual(["name=disk.used"]) ? names : [];
    }

    private static ApiResponse Render(params (string Key, string Value)[] ps)
    {
        var service = new RenderService(Store(), tagResolver: new FixedTags("disk.used;dc=eu", "disk.used;dc=us"));
        return service.Render(new RequestParameters(ps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value))));
    }

    private static ApiResponse Json(string target, long from, long until = Now, params (string, string)[] extra) =>
        Render([("target", target), ("format", "json"), ("from", from.ToString()), ("until", until.ToString()), ("now", Now.ToString()), .. extra]);

    [Fact]
    public void Json_with_jsonp()
    {
        var r = Json("app.req", Now - 3, Now, ("jsonp", "cb"));
        Assert.Equal("text/javascript", r.ContentType);
        Assert.Equal("cb([{\"target\": \"app.req\", \"tags\": {\"name\": \"app.req\"}, \"datapoints\": [[8.0, 1795730398], [9.0, 1795730399], [0.0, 1795730400]]}])", r.Body);
    }

    [Fact]
    public void Json_pretty_indents_like_json_dumps()
    {
        var r = Json("app.req", Now - 2, Now, ("pretty", "1"));
        Assert.Equal("application/json", r.ContentType);
        Assert.Equal("[\n  {\n    \"target\": \"app.req\",\n    \"tags\": {\n      \"name\": \"app.req\"\n    },\n    \"datapoints\": [\n      [\n        9.0,\n        1795730399\n      ],\n      [\n        0.0,\n        1795730400\n      ]\n    ]\n  }\n]", r.Body);
    }

    [Fact]
    public void Json_special_floats_and_infinity()
    {
        Assert.Equal("[{\"target\": \"edge.values\", \"tags\": {\"name\": \"edge.values\"}, \"datapoints\": [[0.1, 1795730394], [1e-05, 1795730395], [1e+16, 1795730396], [-0.0, 1795730397], [0.30000000000000004, 1795730398], [1.5e-07, 1795730399], [123456789.123, 1795730400]]}]",
            Json("edge.values", Now - 7, Now, ("noNullPoints", "1")).Body);
        Assert.Equal("[{\"target\": \"edge.inf\", \"tags\": {\"name\": \"edge.inf\"}, \"datapoints\": [[null, 1795730396], [1e9999, 1795730397], [1.0, 1795730398], [-1e9999, 1795730399], [null, 1795730400]]}]",
            Json("edge.inf", Now - 5).Body);
    }

    [Fact]
    public void Raw_and_csv()
    {
        var raw = Render(("target", "app.temp.*"), ("format", "raw"), ("from", "1795730395"), ("until", "1795730400"), ("now", "1795730400"));
        Assert.Equal("text/plain", raw.ContentType);
        Assert.Equal("app.temp.a,1795730396,1795730401,1|None,None,None,None,26.0\napp.temp.b,1795730396,1795730401,1|None,None,None,None,None\napp.temp.c,1795730396,1795730401,1|-8.0,-9.5,-11.0,-12.5,-14.0\n", raw.Body);

        var csv = Render(("target", "app.temp.a"), ("format", "csv"), ("from", "1795730394"), ("until", "1795730396"), ("tz", "Europe/Berlin"), ("now", "1795730400"));
        Assert.Equal("text/csv", csv.ContentType);
        Assert.Equal("app.temp.a,2026-11-26 22:59:55,25.0\r\napp.temp.a,2026-11-26 22:59:56,\r\n", csv.Body);

        var quoted = Render(("target", "sumSeries(app.temp.a,app.temp.c)"), ("format", "csv"), ("from", "1795730399"), ("until", "1795730400"), ("now", "1795730400"));
        Assert.Equal("\"sumSeries(app.temp.a,app.temp.c)\",2026-11-26 22:00:00,12.0\r\n", quoted.Body);
    }

    [Fact]
    public void Errors_are_400_with_graphite_messages()
    {
        var empty = Json("app.req", Now - 5, Now - 5);
        Assert.Equal((400, "text/html; charset=utf-8", "Invalid parameters (Invalid empty time range)"), (empty.StatusCode, empty.ContentType, empty.Body));
        Assert.Equal("Invalid parameters (Invalid offset unit 'm')",
            Render(("target", "app.req"), ("format", "json"), ("from", "-5m"), ("now", "1795730400")).Body);
        Assert.Equal("Invalid parameters (Unknown day reference: garbage)",
            Render(("target", "app.req"), ("format", "json"), ("from", "garbage")).Body);
        var unknown = Json("fooBar(app.req)", Now - 3);
        Assert.Equal((400, "Invalid parameters (Received request for unknown function: fooBar); targets: \"fooBar(app.req)\""), (unknown.StatusCode, unknown.Body));
        // Pie functions (graphite-web's PieFunctions) are not render functions.
        Assert.Equal((400, "Invalid parameters (Received request for unknown function: average); targets: \"average(app.req)\""),
            (Json("average(app.req)", Now - 3).StatusCode, Json("average(app.req)", Now - 3).Body));
        Assert.Equal("Invalid parameters (Missing required parameter \"factor\" for function \"scale\"); targets: \"scale(app.req)\"",
            Json("scale(app.req)", Now - 3).Body);
        Assert.Equal("Invalid parameters (Invalid \"intOrInf\" value specified for function \"keepLastValue\" parameter \"limit\": 1.5); targets: \"keepLastValue(app.req, 1.5)\"",
            Json("keepLastValue(app.req, 1.5)", Now - 3).Body);
        Assert.Equal("Invalid parameters (Unexpected key word arguments: foo); targets: \"keepLastValue(app.req, foo=1)\"",
            Json("keepLastValue(app.req, foo=1)", Now - 3).Body);
    }

    [Fact]
    public void Empty_answers()
    {
        Assert.Equal("[]", Render(("format", "json"), ("from", "-1h"), ("now", "1795730400")).Body);
        Assert.Equal("[]", Json("sumSeries(app.req", Now - 3).Body);
        Assert.Equal("[]", Json("no.such.metric", Now - 3).Body);
        Assert.Equal("", Render(("target", "nothing"), ("format", "csv")).Body);
    }

    [Fact]
    public void Functions_pipes_templates_and_seriesByTag()
    {
        Assert.Equal("[{\"target\": \"sumSeries(app.temp.*)\", \"tags\": {\"name\": \"sumSeries(app.temp.*)\", \"aggregatedBy\": \"sum\"}, \"datapoints\": [[-12.5, 1795730399], [12.0, 1795730400]]}]",
            Json("sumSeries(app.temp.*)", Now - 2).Body);
        Assert.Equal("[{\"target\": \"req\", \"tags\": {\"name\": \"app.req\"}, \"datapoints\": [[0.0, 1795730400]]}]",
            Json("app.req|aliasByNode(1)", Now - 1).Body);
        Assert.Equal("[{\"target\": \"app.temp.c\", \"tags\": {\"name\": \"app.temp.c\"}, \"datapoints\": [[-14.0, 1795730400]]}]",
            Json("template(app.$1.$2, 'temp', 'a')", Now - 1, Now, ("template[2]", "c")).Body);
        Assert.Equal("[{\"target\": \"sumSeries(seriesByTag('name=disk.used'))\", \"tags\": {\"name\": \"disk.used\", \"aggregatedBy\": \"sum\"}, \"datapoints\": [[4.0, 1795730400]]}]",
            Json("sumSeries(seriesByTag('name=disk.used'))", Now - 1).Body);
        Assert.Equal("[{\"target\": \"disk.used;dc=eu\", \"tags\": {\"dc\": \"eu\", \"name\": \"disk.used\"}, \"datapoints\": [[4.0, 1795730400]]}]",
            Json("seriesByTag('name=disk.used')", Now - 1, Now, ("noNullPoints", "")).Body);
    }

    [Fact]
    public void MaxDataPoints_oracle_example()
    {
        const long t0 = 1799999940; // t0 mod 180 = 120
        var store = new InMemoryMetricStore().Add("b", t0, 60, 8, double.NaN, 4, 2, double.NaN);
        string Body(string target, string mdp) => new RenderService(store).Render(new RequestParameters(new[]
        {
            KV("target", target), KV("format", "json"), KV("from", (t0 - 60).ToString()), KV("until", (t0 + 240).ToString()),
            KV("now", (t0 + 300).ToString()), KV("maxDataPoints", mdp),
        })).Body;
        Assert.EndsWith("\"datapoints\": [[6.0, 1800000000], [2.0, 1800000180]]}]", Body("b", "2"));
        Assert.EndsWith("\"datapoints\": [[12.0, 1800000000], [2.0, 1800000180]]}]", Body("consolidateBy(b, 'sum')", "2"));
        Assert.EndsWith("\"datapoints\": [[8.0, 1800000000], [2.0, 1800000180]]}]", Body("consolidateBy(b, 'first')", "2"));
        Assert.EndsWith("\"datapoints\": [[4.666666666666667, 1799999940]]}]", Body("b", "1"));
        // Non-digit maxDataPoints is ignored.
        Assert.EndsWith("[null, 1800000000], [4.0, 1800000060], [2.0, 1800000120], [null, 1800000180]]}]", Body("b", "-2"));
    }

    private static KeyValuePair<string, string> KV(string k, string v) => new(k, v);
}
