using Tsdb.Core.Tags;

namespace Tsdb.Query.Tests.Tags;

/// <summary>The tag index against graphite-web's LocalDatabaseTagDB rules (tags/localdatabase.py, base.py).</summary>
public class TagIndexTests
{
    private static TagIndex Index()
    {
        var index = new TagIndex();
        foreach (var name in new[]
        {
            "disk.used;dc=lab;host=h1", "disk.used;dc=lab;host=h2", "disk.used;dc=prod;host=h3",
            "disk.free;dc=lab;host=h1", "cpu.load;dc=lab;host=h1;role=web.frontend", "net.rx;host=h4",
        })
            Assert.True(index.Add(name));
        return index;
    }

    [Theory]
    [InlineData(new[] { "dc=lab" }, new[] { "cpu.load;dc=lab;host=h1;role=web.frontend", "disk.free;dc=lab;host=h1", "disk.used;dc=lab;host=h1", "disk.used;dc=lab;host=h2" })]
    [InlineData(new[] { "name=disk.used", "host!=h1" }, new[] { "disk.used;dc=lab;host=h2", "disk.used;dc=prod;host=h3" })]
    [InlineData(new[] { "host=~h[12]", "name=~disk" }, new[] { "disk.free;dc=lab;host=h1", "disk.used;dc=lab;host=h1", "disk.used;dc=lab;host=h2" })]
    [InlineData(new[] { "name=~used" }, new string[0])] // anchored at the start: 'used' does not match 'disk.used'
    [InlineData(new[] { "name=~^disk\\.used$" }, new[] { "disk.used;dc=lab;host=h1", "disk.used;dc=lab;host=h2", "disk.used;dc=prod;host=h3" })]
    [InlineData(new[] { "host=~h", "dc=" }, new[] { "net.rx;host=h4" })] // dc= matches series without dc
    [InlineData(new[] { "host=~h", "dc!=lab" }, new[] { "disk.used;dc=prod;host=h3", "net.rx;host=h4" })]
    [InlineData(new[] { "host=~h", "dc!=~l" }, new[] { "disk.used;dc=prod;host=h3", "net.rx;host=h4" })]
    [InlineData(new[] { "role=web.frontend" }, new[] { "cpu.load;dc=lab;host=h1;role=web.frontend" })]
    [InlineData(new[] { "dc!=" }, new[] { "cpu.load;dc=lab;host=h1;role=web.frontend", "disk.free;dc=lab;host=h1", "disk.used;dc=lab;host=h1", "disk.used;dc=lab;host=h2", "disk.used;dc=prod;host=h3" })]
    [InlineData(new[] { "nosuch=x" }, new string[0])]
    public void FindSeries_matches_like_graphite_web(string[] exprs, string[] expected) =>
        Assert.Equal(expected, Index().FindSeries(exprs));

    [Theory]
    [InlineData("dc!=lab", "At least one tagspec must not match the empty string")]
    [InlineData("dc=~.*", "At least one tagspec must not match the empty string")]
    [InlineData("dc=", "At least one tagspec must not match the empty string")]
    [InlineData("novalue", "Invalid tagspec novalue")]
    [InlineData("a;b=c", "Invalid tagspec a;b=c")]
    [InlineData("dc=~(", "Invalid regular expression ^((")]
    public void FindSeries_rejects_user_mistakes(string expr, string message)
    {
        var e = Assert.Throws<TagQueryException>(() => Index().FindSeries([expr]));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void Tags_and_values_list_sorted_with_counts()
    {
        var index = Index();
        Assert.Equal(["dc", "host", "name", "role"], index.ListTags().Select(t => t.Tag));
        Assert.Equal(["host"], index.ListTags("h").Select(t => t.Tag));
        Assert.Equal(["dc", "host"], index.ListTags(limit: 2).Select(t => t.Tag));
        var dc = index.GetTag("dc")!;
        Assert.Equal([("lab", 4), ("prod", 1)], dc.Values.Select(v => (v.Value, v.Count)));
        Assert.Equal(["prod"], index.GetTag("dc", "p")!.Values.Select(v => v.Value));
        Assert.Null(index.GetTag("nosuch"));
    }

    [Fact]
    public void AutoComplete_follows_base_tagdb()
    {
        var index = Index();
        Assert.Equal(["dc", "host"], index.AutoCompleteTags(["name=disk.used"], null, 100));
        Assert.Equal(["host"], index.AutoCompleteTags([], "h", 100));
        Assert.Equal(["dc", "host", "name"], index.AutoCompleteTags([], null, 3));
        Assert.Equal(["role"], index.AutoCompleteTags(["dc=lab"], "r", 100));
        Assert.Equal(["h1", "h2", "h3", "h4"], index.AutoCompleteValues([], "host", null, 100));
        Assert.Equal(["h1", "h2"], index.AutoCompleteValues(["dc=lab"], "host", null, 100));
        Assert.Equal(["h2"], index.AutoCompleteValues(["dc=lab"], "host", "h2", 100));
        Assert.Equal(["h1"], index.AutoCompleteValues([], "host", null, 1));
        Assert.Equal(["h1", "h2", "h3"], index.AutoCompleteValues([], "host", null, -1));
        Assert.Empty(index.AutoCompleteValues(["dc=lab"], "role", "x", 100));
    }

    [Fact]
    public void Removed_series_leave_the_results_but_their_tag_stays_listed()
    {
        var index = Index();
        Assert.True(index.Remove("cpu.load;dc=lab;host=h1;role=web.frontend"));
        Assert.False(index.Remove("cpu.load;dc=lab;host=h1;role=web.frontend"));
        Assert.Empty(index.FindSeries(["role=web.frontend"]));
        Assert.Contains("role", index.ListTags().Select(t => t.Tag));
        Assert.Empty(index.GetTag("role")!.Values);
        Assert.True(index.Add("cpu.load;dc=lab;host=h9"));
        Assert.Equal(["cpu.load;dc=lab;host=h9"], index.FindSeries(["name=cpu.load"]));
    }

    [Fact]
    public void Hundred_thousand_series_answer_regexes_through_the_value_index()
    {
        var index = new TagIndex();
        for (int i = 0; i < 100_000; i++)
            index.Add($"node.cpu;dc=dc{i % 10};host=host{i:D6};rack=r{i % 100}");
        Assert.Equal(100_000, index.Count);
        var hosts = index.FindSeries(["host=~host00012[0-9]", "dc=dc3"]);
        Assert.Equal(["node.cpu;dc=dc3;host=host000123;rack=r23"], hosts);
        Assert.Equal(1_000, index.FindSeries(["rack=~r1$", "name=node.cpu"]).Count);
        Assert.Empty(index.FindSeries(["rack=r7", "dc!=dc7"]));
        Assert.Equal(9_000, index.FindSeries(["dc=~dc9", "rack!=r9"]).Count);
        Assert.Equal(["dc0", "dc1"], index.AutoCompleteValues(["rack=~r1"], "dc", null, 2));
    }
}
