using System.Text;
using Tsdb.Query.Api;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Api;

/// <summary>
/// /metrics/find answers reused while no name is added (<see cref="FindAnswerCache"/>): the same bytes as a fresh
/// computation, a new name seen by the next find, and the clock-dependent formats never reused.
/// </summary>
public class FindAnswerReuseTests
{
    private const long Now = 1795730400;

    private sealed class SteppingClock : TimeProvider
    {
        public long Seconds = Now;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Seconds);
    }

    private static RequestParameters P(params (string Key, string Value)[] ps) =>
        new(ps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    private static InMemoryMetricStore Store(params string[] names)
    {
        var store = new InMemoryMetricStore();
        foreach (var name in names) store.Add(name, Now, 60, 1.0);
        return store;
    }

    [Fact]
    public void A_repeated_find_gets_the_computed_answer_and_its_utf8_bytes()
    {
        var service = new MetricsService(Store("sys.web01.cpu", "sys.db01.cpu"));
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
    }

    [Fact]
    public void A_name_added_after_a_find_is_in_the_next_answer()
    {
        var store = Store("sys.web01.cpu");
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
        var service = new MetricsService(Store("sys.web01.cpu"), maxRetentionSeconds: 86400, clock: clock);
        var before = service.Find(P(("query", "sys.web01.cpu"), ("format", "json")));
        clock.Seconds += 60;
        var after = service.Find(P(("query", "sys.web01.cpu"), ("format", "json")));
        Assert.Contains($"{Now + 60}", after.Body);
        Assert.DoesNotContain($"{Now + 60}", before.Body);
    }

    [Fact]
    public void Ascii_escaping_is_part_of_the_key()
    {
        var service = new MetricsService(Store("caf\u00e9.x"));
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
