using Tsdb.Core.Events;
using Tsdb.Query.Api;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Tags;

/// <summary>Render functions over real tagged data resolved through the tag index (names, tags and values
/// as graphite-web 1.1.8 answers them; see tests/golden/expected/tag_*.json for the recorded ones).</summary>
public class TaggedRenderTests
{
    private const long Now = 1795730400;

    private static readonly string[] Names =
        ["disk.used;dc=lab;host=h1", "disk.used;dc=lab;host=h2", "disk.used;dc=prod;host=h3", "disk.free;dc=lab;host=h1"];

    private sealed class EventList(params GraphiteEvent[] events) : IEventReader
    {
        public IReadOnlyList<GraphiteEvent> Find(long from, long until, IReadOnlyList<string>? tags, EventTagSet set = EventTagSet.All) =>
            EventMatcher.Find(events, from, until, tags, set);

        public GraphiteEvent? Get(long id) => events.FirstOrDefault(e => e.Id == id);
    }

    private static ApiResponse Render(string target, long from = Now - 2, IEventReader? events = null)
    {
        var store = new InMemoryMetricStore();
        var tags = new MemoryTagDatabase();
        for (int i = 0; i < Names.Length; i++)
        {
            store.Add(Names[i], Now - 1, 1, 100 * (i + 1), 100 * (i + 1) + 1);
            tags.Index.Add(Names[i]);
        }
        var service = new RenderService(store, tagResolver: new TagDatabaseResolver(tags)) { Events = events };
        return service.Render(new RequestParameters(new Dictionary<string, string>
        {
            ["target"] = target, ["format"] = "json", ["from"] = from.ToString(), ["until"] = Now.ToString(), ["now"] = Now.ToString(),
        }));
    }

    [Fact]
    public void GroupByTags_sums_per_tag_value_and_names_by_tags()
    {
        Assert.Equal(
            "[{\"target\": \"disk.used;dc=lab\", \"tags\": {\"dc\": \"lab\", \"name\": \"disk.used\"}, \"datapoints\": [[300.0, 1795730399], [302.0, 1795730400]]}, " +
            "{\"target\": \"disk.used;dc=prod\", \"tags\": {\"dc\": \"prod\", \"name\": \"disk.used\"}, \"datapoints\": [[300.0, 1795730399], [301.0, 1795730400]]}]",
            Render("groupByTags(seriesByTag('name=disk.used'), 'sum', 'dc')").Body);
    }

    [Fact]
    public void AliasByTags_and_aliasByNode_take_tag_names_as_keys()
    {
        string body = Render("aliasByTags(seriesByTag('dc=lab'), 'host', 'name')").Body;
        Assert.Contains("\"target\": \"h1.disk.free\"", body);
        Assert.Contains("\"target\": \"h2.disk.used\"", body);
        Assert.StartsWith("[{\"target\": \"disk\", ", Render("aliasByNode(seriesByTag('name=disk.free'), 0)").Body);
        Assert.StartsWith("[{\"target\": \"h1\", ", Render("aliasByNode(seriesByTag('name=disk.free'), 'host')").Body);
    }

    [Fact]
    public void GroupByNode_with_a_tag_name()
    {
        string body = Render("groupByNode(seriesByTag('name=disk.used'), 'dc', 'sum')").Body;
        Assert.StartsWith("[{\"target\": \"lab\", ", body);
        Assert.Contains("[[300.0, 1795730399], [302.0, 1795730400]]", body);
        Assert.Contains("{\"target\": \"prod\", ", body);
    }

    [Fact]
    public void A_tagged_name_renders_directly_and_only_when_canonical()
    {
        Assert.Equal("[{\"target\": \"scale(disk.free;dc=lab;host=h1,10)\", \"tags\": {\"dc\": \"lab\", \"host\": \"h1\", \"name\": \"disk.free\", \"scale\": \"10.0\"}, \"datapoints\": [[4000.0, 1795730399], [4010.0, 1795730400]]}]",
            Render("scale(disk.free;dc=lab;host=h1,10)").Body);
        Assert.Equal("[]", Render("disk.free;host=h1;dc=lab").Body);
    }

    [Fact]
    public void SeriesByTag_matching_only_the_empty_string_is_400()
    {
        var r = Render("seriesByTag('dc!=lab')");
        Assert.Equal(400, r.StatusCode);
        Assert.Equal("Invalid parameters (At least one tagspec must not match the empty string); targets: \"seriesByTag('dc!=lab')\"", r.Body);
    }

    [Fact]
    public void Events_counts_events_per_second_with_all_tags()
    {
        var events = new EventList(
            new GraphiteEvent(1, Now - 3, "deploy", "", ["prod", "web"]),
            new GraphiteEvent(2, Now - 3, "deploy", "", ["prod"]),
            new GraphiteEvent(3, Now - 1, "restart", "", ["web"]),
            new GraphiteEvent(4, Now, "at until: left out", "", ["web"]));
        Assert.Equal("[{\"target\": \"events(\\\"*\\\")\", \"tags\": {\"name\": \"events(\\\"*\\\")\"}, \"datapoints\": [[null, 1795730396], [2, 1795730397], [null, 1795730398], [1, 1795730399]]}]",
            Render("events('*')", Now - 4, events).Body);
        Assert.Equal("[{\"target\": \"events(\\\"prod\\\", \\\"web\\\")\", \"tags\": {\"name\": \"events(\\\"prod\\\", \\\"web\\\")\"}, \"datapoints\": [[null, 1795730396], [1, 1795730397], [null, 1795730398], [null, 1795730399]]}]",
            Render("events('prod', 'web')", Now - 4, events).Body);
    }
}
