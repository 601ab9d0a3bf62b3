using Tsdb.Core.Events;
using Tsdb.Query.Api;

namespace Tsdb.Query.Tests.Tags;

/// <summary>/events answers as graphite-web 1.1.8 gives them (checked against the Debian package): tags
/// as the whitespace-split text in the order given, integer when, django-tagging matching.</summary>
public class EventsServiceTests
{
    private sealed class MemoryEvents : IEventStore
    {
        private readonly List<GraphiteEvent> _events = [];

        public GraphiteEvent Add(double when, string what, string data, IReadOnlyList<string> tags)
        {
            var e = new GraphiteEvent(_events.Count + 1, when, what, data, tags);
            _events.Add(e);
            return e;
        }

        public bool Delete(long id) => _events.RemoveAll(e => e.Id == id) > 0;
        public GraphiteEvent? Get(long id) => _events.FirstOrDefault(e => e.Id == id);

        public IReadOnlyList<GraphiteEvent> Find(long from, long until, IReadOnlyList<string>? tags, EventTagSet set = EventTagSet.All) =>
            EventMatcher.Find(_events, from, until, tags, set);
    }

    private sealed class Clock(long seconds) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(seconds);
    }

    private static EventsService Service()
    {
        var s = new EventsService(new MemoryEvents(), new Clock(10_000));
        Assert.Equal(200, s.Create("{\"what\": \"deploy\", \"tags\": [\"web\", \"prod\", \"web\"], \"when\": 1000.7, \"data\": \"v1\"}").StatusCode);
        Assert.Equal(200, s.Create("{\"what\": \"b\", \"tags\": \"db prod\", \"when\": 2000}").StatusCode);
        Assert.Equal(200, s.Create("{\"what\": \"c\", \"tags\": \"a,b c\", \"when\": 3000}").StatusCode);
        Assert.Equal(200, s.Create("{\"what\": \"e\"}").StatusCode);
        return s;
    }

    private static string Get(EventsService s, params (string, string)[] ps) =>
        s.GetData(new RequestParameters(ps.Select(p => new KeyValuePair<string, string>(p.Item1, p.Item2)))).Body;

    [Fact]
    public void Get_data_answers_like_graphite_web()
    {
        var s = Service();
        Assert.Equal("[{\"when\": 1000, \"what\": \"deploy\", \"data\": \"v1\", \"tags\": [\"web\", \"prod\", \"web\"], \"id\": 1}, " +
                     "{\"when\": 2000, \"what\": \"b\", \"data\": \"\", \"tags\": [\"db\", \"prod\"], \"id\": 2}]",
            Get(s, ("from", "900"), ("until", "2000")));
        Assert.Equal("[]", Get(s, ("from", "0"), ("until", "1000"))); // 1000.7 is after 1000
        Assert.Equal("[1, 2]", Ids(s, ("tags", "prod nobody")));
        Assert.Equal("[]", Ids(s, ("tags", "nobody")));
        Assert.Equal("[1, 2]", Ids(s, ("tags", "web db"), ("set", "union")));
        Assert.Equal("[]", Ids(s, ("tags", "prod nobody"), ("set", "intersection")));
        Assert.Equal("[3]", Ids(s, ("tags", "a")));   // "a,b c" is django-tagging's "a" and "b c"
        Assert.Equal("[]", Ids(s, ("tags", "c")));
        Assert.Equal("[]", Ids(s, ("tags", "")));
        Assert.Equal("[4]", Ids(s, ("from", "9999"), ("until", "now"), ("now", "10000")));
        Assert.Equal("[1, 2]", Ids(s, ("from", "-3h"), ("until", "-2h"), ("now", "10000")));
        var jsonp = s.GetData(new RequestParameters([new("jsonp", "cb"), new("tags", "db")]));
        Assert.Equal(("text/javascript", "cb([{\"when\": 2000, \"what\": \"b\", \"data\": \"\", \"tags\": [\"db\", \"prod\"], \"id\": 2}])"), (jsonp.ContentType, jsonp.Body));
    }

    private static string Ids(EventsService s, params (string, string)[] ps)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(Get(s, [("from", "0"), ("until", "20000"), .. ps]));
        return "[" + string.Join(", ", doc.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetInt64())) + "]";
    }

    [Fact]
    public void Detail_delete_and_bad_bodies()
    {
        var s = Service();
        Assert.Equal("{\"id\": 4, \"when\": \"1970-01-01T02:46:40Z\", \"what\": \"e\", \"data\": \"\", \"tags\": []}", s.Detail(4).Body);
        // 1000.7 s: a fraction is written in milliseconds, cut (Django keeps microseconds, its encoder drops three).
        Assert.Contains("\"when\": \"1970-01-01T00:16:40.700Z\"", s.Detail(1).Body);
        var missing = s.Detail(99);
        Assert.Equal((404, "{\"error\": \"Event matching query does not exist\"}"), (missing.StatusCode, missing.Body));
        Assert.Equal(200, s.Delete(4).StatusCode);
        Assert.Equal(404, s.Delete(4).StatusCode);
        var badTags = s.Create("{\"what\": \"d\", \"tags\": 5}");
        Assert.Equal((400, "text/html; charset=utf-8", "{\"error\": \"\\\"tags\\\" must be an array or space-separated string\"}"),
            (badTags.StatusCode, badTags.ContentType, badTags.Body));
        Assert.Equal(400, s.Create("not json").StatusCode);
        Assert.Equal(400, s.Create("{\"what\": \"x\", \"when\": \"soon\"}").StatusCode);
    }
}
