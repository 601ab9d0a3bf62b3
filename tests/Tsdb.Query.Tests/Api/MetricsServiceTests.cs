using System.Text;
using Tsdb.Query.Api;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Api;

/// <summary>find/expand/index answers; expected bodies are graphite-web 1.1.8's (tests/golden/expected).</summary>
public class MetricsServiceTests
{
    private const long Now = 1795730400;

    private sealed class FixedClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
    }

    private static readonly MetricsService Service = new(Store(), maxRetentionSeconds: 365 * 86400, clock: new FixedClock());

    private static InMemoryMetricStore Store()
    {
        var store = new InMemoryMetricStore();
        foreach (var name in new[]
                 {
                     "app.req", "app.req.count", "app.temp.a", "vm.nettotals.kbin", "vm.nettotals.kbin.x", "vm.nettotals.kbout",
                     "vm.nettotals.kbout.x", "sys.web01.cpu", "sys.web01.mem", "sys.web02.cpu", "sys.db01.cpu", "sys.db01.mem",
                     "caf\u00e9.x",
                 })
            store.Add(name, Now, 60, 1.0);
        return store;
    }

    private static RequestParameters P(params (string Key, string Value)[] ps) =>
        new(ps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Treejson_lists_a_branch_and_leaf_once_as_a_branch()
    {
        var r = Service.Find(P(("query", "vm.nettotals.*")));
        Assert.Equal((200, "application/json"), (r.StatusCode, r.ContentType));
        Assert.Equal("[{\"text\": \"kbin\", \"id\": \"vm.nettotals.kbin\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, {\"text\": \"kbout\", \"id\": \"vm.nettotals.kbout\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}]", r.Body);
        Assert.Contains(new KeyValuePair<string, string>("Cache-Control", "no-cache"), r.Headers);
    }

    [Fact]
    public void Treejson_wildcards_leaves_only_and_duplicates()
    {
        Assert.Equal("[{\"text\": \"*\", \"id\": \"sys.*\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, {\"text\": \"db01\", \"id\": \"sys.db01\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, {\"text\": \"web01\", \"id\": \"sys.web01\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, {\"text\": \"web02\", \"id\": \"sys.web02\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}]",
            Service.Find(P(("query", "sys.*"), ("wildcards", "1"))).Body);
        Assert.Equal("[{\"text\": \"req\", \"id\": \"app.req\", \"allowChildren\": 0, \"expandable\": 0, \"leaf\": 1}]",
            Service.Find(P(("query", "app.*"), ("leavesOnly", "1"))).Body);
        // Three hosts' cpu leaves: one entry, id from the query's base.
        Assert.Equal("[{\"text\": \"cpu\", \"id\": \"sys.*.cpu\", \"allowChildren\": 0, \"expandable\": 0, \"leaf\": 1}]",
            Service.Find(P(("query", "sys.*.cpu"))).Body);
        Assert.Equal("[]", Service.Find(P(("query", "other"))).Body);
    }

    [Fact]
    public void Completer_nodelist_json_and_jsonp()
    {
        Assert.Equal("{\"metrics\": [{\"path\": \"vm.nettotals.kbin.\", \"name\": \"kbin\", \"is_leaf\": \"0\"}, {\"path\": \"vm.nettotals.kbin\", \"name\": \"kbin\", \"is_leaf\": \"1\"}, {\"path\": \"vm.nettotals.kbout.\", \"name\": \"kbout\", \"is_leaf\": \"0\"}, {\"path\": \"vm.nettotals.kbout\", \"name\": \"kbout\", \"is_leaf\": \"1\"}]}",
            Service.Find(P(("query", "vm.nettotals."), ("format", "completer"))).Body);
        Assert.Equal("{\"metrics\": [{\"path\": \"sys.db01.\", \"name\": \"db01\", \"is_leaf\": \"0\"}, {\"path\": \"sys.web01.\", \"name\": \"web01\", \"is_leaf\": \"0\"}, {\"path\": \"sys.web02.\", \"name\": \"web02\", \"is_leaf\": \"0\"}, {\"name\": \"*\"}]}",
            Service.Find(P(("query", "sys.*"), ("wildcards", "1"), ("format", "completer"))).Body);
        Assert.Equal("{\"nodes\": [\"db01\", \"web01\", \"web02\"]}",
            Service.Find(P(("query", "sys.*.*"), ("format", "nodelist"), ("position", "1"))).Body);
        Assert.Equal("[{\"path\": \"app.req\", \"is_leaf\": false}, {\"path\": \"app.req\", \"is_leaf\": true, \"intervals\": [{\"start\": 1764194400.0, \"end\": 1795730400.0}]}]",
            Service.Find(P(("query", "app.req"), ("format", "json"))).Body);
        var jsonp = Service.Find(P(("query", "app.*"), ("jsonp", "cb")));
        Assert.Equal(("text/javascript", "cb([{\"text\": \"req\", \"id\": \"app.req\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, {\"text\": \"temp\", \"id\": \"app.temp\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}])"),
            (jsonp.ContentType, jsonp.Body));
    }

    [Fact]
    public void Ascii_escaping_follows_the_accept_header()
    {
        Assert.Equal("[{\"text\": \"caf\\u00e9\", \"id\": \"caf\\u00e9\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}]",
            Service.Find(P(("query", "caf*"))).Body);
        var raw = Service.Find(P(("query", "caf*")), accept: "*/*");
        Assert.Equal(("application/json;charset=utf-8", "[{\"text\": \"caf\u00e9\", \"id\": \"caf\u00e9\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}]"),
            (raw.ContentType, raw.Body));
    }

    [Fact]
    public void Find_errors()
    {
        Assert.Equal((400, "text/html; charset=utf-8", "Invalid parameters (Missing required parameter 'query')"),
            Triple(Service.Find(P())));
        Assert.Equal("Invalid parameters (Required parameter 'query' is empty)", Service.Find(P(("query", ""))).Body);
        Assert.Equal((400, "text/plain", "Invalid value for 'format' parameter"),
            Triple(Service.Find(P(("query", "*"), ("format", "invalid_format")))));
        Assert.Equal("Invalid parameters (Invalid int value 'yes' for param wildcards: invalid literal for int() with base 10: 'yes')",
            Service.Find(P(("query", "*"), ("wildcards", "yes"))).Body);
        Assert.Equal("Invalid parameters (Invalid value 'now-1mmminute' for param from: Invalid offset unit 'mmminute')",
            Service.Find(P(("query", "*"), ("from", "now-1mmminute"))).Body);
        Assert.Equal($"Invalid parameters (Failed to instantiate find query: Invalid interval start={Now - 3600} end={Now - 7200})",
            Service.Find(P(("query", "*"), ("from", "now-1h"), ("until", "now-2h"))).Body);
    }

    private static (int, string, string) Triple(ApiResponse r) => (r.StatusCode, r.ContentType, r.Body);

    [Fact]
    public void Expand_and_index()
    {
        Assert.Equal("{\"results\": [\"app.req\", \"app.temp\"]}", Service.Expand(P(("query", "app.*"))).Body);
        Assert.Equal("{\"results\": [\"app.req\"]}", Service.Expand(P(("query", "app.*"), ("leavesOnly", "1"))).Body);
        Assert.Equal("{\"results\": {\"sys.web01.*\": [\"sys.web01.cpu\", \"sys.web01.mem\"], \"sys.db0?.*\": [\"sys.db01.cpu\", \"sys.db01.mem\"]}}",
            Service.Expand(P(("query", "sys.web01.*"), ("query", "sys.db0?.*"), ("groupByExpr", "1"))).Body);
        Assert.Equal("{\"results\": []}", Service.Expand(P()).Body);
        Assert.StartsWith("[\"app.req\", \"app.req.count\", \"app.temp.a\", \"caf\\u00e9.x\", \"sys.db01.cpu\"", Service.Index(P()).Body);
    }

    // Answers reused while no name is added (FindAnswerCache): the same bytes as a fresh computation, a new name
    // seen by the next find, and the clock-dependent formats never reused.

    private sealed class SteppingClock : TimeProvider
    {
        public long Seconds = Now;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Seconds);
    }

    private static InMemoryMetricStore Names(params string[] names)
    {
        var store = new InMemoryMetricStore();
        foreach (var name in names) store.Add(name, Now, 60, 1.0);
        return store;
    }

    [Fact]
    public void A_repeated_find_gets_the_computed_answer_and_its_utf8_bytes()
    {
        var service = new MetricsService(Names("sys.web01.cpu", "sys.db01.cpu"));
        var first = service.Find(P(("query", "sys.*")));
        var second = service.Find(P(("query", "sys.*")));
        Assert.Same(first, second);
        Assert.Equal("[{\"text\": \"db01\", \"id\": \"sys.db01\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}, {\"text\": \"web01\", \"id\": \"sys.web01\", \"allowChildren\": 1, \"expandable\": 1, \"leaf\": 0}]",
            second.Body);
        Assert.Equal(Encoding.UTF8.GetBytes(second.Body), second.Bytes);
        // Every parameter that shapes the answer is part of the key.
        Assert.NotEqual(second.Body, service.Find(P(("query", "sys.*"), ("wildcards", "1"))).Body);
        Assert.NotEqual(second.Body, service.Find(P(("query", "sys.*"), ("format", "nodelist"))).Body);
        Assert.NotEqual(second.Body, service.Find(P(("query", "sys.*"), ("pretty", "1"))).Body);
        Assert.StartsWith("cb([", service.Find(P(("query", "sys.*"), ("jsonp", "cb"))).Body);
        // Line breaks in the free texts cannot make two requests share a key (with the query's fields between
        // the query and jsonp, these two once did).
        const string Fields = "\n0\n0\n-1\n0\nTrue\nFalse\n";
        var a = service.Find(P(("query", "sys.*"), ("jsonp", "w" + Fields + "v")));
        var b = service.Find(P(("query", "sys.*" + Fields + "w"), ("jsonp", "v")));
        Assert.StartsWith("w" + Fields + "v([{", a.Body);
        Assert.Equal("v([])", b.Body);
    }

    [Fact]
    public void A_name_added_after_a_find_is_in_the_next_answer()
    {
        var store = Names("sys.web01.cpu");
        var service = new MetricsService(store);
        Assert.Equal("{\"nodes\": [\"web01\"]}", service.Find(P(("query", "sys.*"), ("format", "nodelist"))).Body);
        store.Add("sys.web02.cpu", Now, 60, 1.0);
        Assert.Equal("{\"nodes\": [\"web01\", \"web02\"]}", service.Find(P(("query", "sys.*"), ("format", "nodelist"))).Body);
        // A new leaf under an existing branch changes nothing at this level, but is found one level down.
        store.Add("sys.web01.mem", Now, 60, 1.0);
        Assert.Contains("\"mem\"", service.Find(P(("query", "sys.web01.*"), ("format", "nodelist"))).Body);
    }

    [Fact]
    public void The_json_format_follows_the_clock_and_is_not_reused()
    {
        var clock = new SteppingClock();
        var service = new MetricsService(Names("sys.web01.cpu"), maxRetentionSeconds: 86400, clock: clock);
        var before = service.Find(P(("query", "sys.web01.cpu"), ("format", "json")));
        clock.Seconds += 60;
        var after = service.Find(P(("query", "sys.web01.cpu"), ("format", "json")));
        Assert.Contains($"{Now + 60}", after.Body);
        Assert.DoesNotContain($"{Now + 60}", before.Body);
    }

    [Fact]
    public void Ascii_escaping_is_part_of_the_key()
    {
        var service = new MetricsService(Names("caf\u00e9.x"));
        Assert.Contains("caf\\u00e9", service.Find(P(("query", "*")), accept: null).Body);
        Assert.Contains("caf\u00e9", service.Find(P(("query", "*")), accept: "text/html").Body);
        Assert.Contains("caf\\u00e9", service.Find(P(("query", "*")), accept: "application/json").Body);
    }

    [Fact]
    public void A_full_cache_starts_again_and_keeps_answering()
    {
        var cache = new FindAnswerCache();
        var answer = new ApiResponse(200, ApiResponse.Json, "[]");
        for (int i = 0; i <= FindAnswerCache.MaxAnswers; i++) cache.Put($"q{i}", 7, answer);
        Assert.Null(cache.Get("q0", 7));
        Assert.NotNull(cache.Get($"q{FindAnswerCache.MaxAnswers}", 7));
        Assert.Null(cache.Get($"q{FindAnswerCache.MaxAnswers}", 8));
        // Errors are not kept.
        var bad = answer with { StatusCode = 400 };
        Assert.Same(bad, cache.Put("bad", 7, bad));
        Assert.Null(cache.Get("bad", 7));
    }
}
