using Tsdb.Core.Tags;
using Tsdb.Query.Api;

namespace Tsdb.Query.Tests.Tags;

/// <summary>/tags/* answers (JSON shapes and error texts of graphite-web 1.1.8 tags/views.py).</summary>
public class TagsServiceTests
{
    private static (TagsService, MemoryTagDatabase) Service()
    {
        var db = new MemoryTagDatabase();
        foreach (var n in new[] { "disk.used;dc=lab;host=h1", "disk.used;dc=prod;host=h3", "cpu.load;dc=lab;host=h1" })
            db.Index.Add(n);
        return (new TagsService(db), db);
    }

    private static RequestParameters P(params (string Key, string Value)[] ps) =>
        new(ps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Lists_tags_and_details()
    {
        var (s, _) = Service();
        Assert.Equal("[{\"id\": 1, \"tag\": \"dc\"}, {\"id\": 2, \"tag\": \"host\"}, {\"id\": 3, \"tag\": \"name\"}]", s.ListTags(P()).Body);
        Assert.Equal("{\"id\": 1, \"tag\": \"dc\", \"values\": [{\"id\": 1, \"value\": \"lab\", \"count\": 2}, {\"id\": 4, \"value\": \"prod\", \"count\": 1}]}",
            s.TagDetails("dc", P()).Body);
        Assert.Equal("null", s.TagDetails("nosuch", P()).Body);
        Assert.Equal("[\n  {\n    \"id\": 2,\n    \"tag\": \"host\"\n  }\n]", s.ListTags(P(("filter", "ho"), ("pretty", "1"))).Body);
    }

    [Fact]
    public void FindSeries_reads_expr_or_expr_brackets()
    {
        var (s, _) = Service();
        Assert.Equal("[\"cpu.load;dc=lab;host=h1\", \"disk.used;dc=lab;host=h1\"]", s.FindSeries(P(("expr", "dc=lab"))).Body);
        Assert.Equal("[\"disk.used;dc=prod;host=h3\"]", s.FindSeries(P(("expr[]", "dc=prod"))).Body);
    }

    [Theory]
    [InlineData("findSeries", "{\"error\": \"no tag expressions specified\"}")]
    [InlineData("values", "{\"error\": \"no tag specified\"}")]
    [InlineData("tagSeries", "{\"error\": \"no path specified\"}")]
    [InlineData("tagMultiSeries", "{\"error\": \"no paths specified\"}")]
    [InlineData("delSeries", "{\"error\": \"no path specified\"}")]
    public void Missing_parameters_are_400_json(string endpoint, string body)
    {
        var (s, _) = Service();
        var r = endpoint switch
        {
            "findSeries" => s.FindSeries(P()),
            "values" => s.AutoCompleteValues(P()),
            "tagSeries" => s.TagSeries(P()),
            "tagMultiSeries" => s.TagMultiSeries(P()),
            _ => s.DeleteSeries(P()),
        };
        Assert.Equal((400, "application/json", body), (r.StatusCode, r.ContentType, r.Body));
    }

    [Fact]
    public void Errors_of_expressions_limits_and_paths()
    {
        var (s, _) = Service();
        var r = s.FindSeries(P(("expr", "dc!=lab")));
        Assert.Equal((400, "{\"error\": \"At least one tagspec must not match the empty string\"}"), (r.StatusCode, r.Body));
        r = s.AutoCompleteTags(P(("limit", "x")));
        Assert.Equal((400, "{\"error\": \"invalid literal for int() with base 10: 'x'\"}"), (r.StatusCode, r.Body));
        r = s.TagSeries(P(("path", ";a=b")));
        Assert.Equal((500, "{\"error\": \"Cannot parse path ;a=b\"}"), (r.StatusCode, r.Body));
    }

    [Fact]
    public void AutoComplete_with_prefix_and_limit()
    {
        var (s, _) = Service();
        Assert.Equal("[\"dc\", \"host\"]", s.AutoCompleteTags(P(("expr", "name=disk.used"))).Body);
        Assert.Equal("[\"dc\"]", s.AutoCompleteTags(P(("limit", "1"))).Body);
        Assert.Equal("[\"h3\"]", s.AutoCompleteValues(P(("tag", "host"), ("expr", "dc=prod"))).Body);
        Assert.Equal("[\"h1\"]", s.AutoCompleteValues(P(("tag", "host"), ("valuePrefix", "h1"))).Body);
    }

    [Fact]
    public void TagMultiSeries_then_delSeries()
    {
        var (s, db) = Service();
        Assert.Equal("[\"a.b;x=1\", \"c;y=2\"]", s.TagMultiSeries(P(("path", "a.b;x=1"), ("path", "c;y=2"))).Body);
        Assert.Equal("\"a.b;x=1\"", s.TagSeries(P(("path", "a.b;x=1"))).Body);
        Assert.Equal("[\"a.b;x=1\"]", s.FindSeries(P(("expr", "x=1"))).Body);
        Assert.Equal("true", s.DeleteSeries(P(("path[]", "a.b;x=1"))).Body);
        Assert.Equal("[]", s.FindSeries(P(("expr", "x=1"))).Body);
        Assert.True(db.Index.Contains("c;y=2"));
    }
}
