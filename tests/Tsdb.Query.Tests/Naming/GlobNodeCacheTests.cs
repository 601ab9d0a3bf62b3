using Tsdb.Core.Naming;

namespace Tsdb.Query.Tests.Naming;

/// <summary>Parsed glob nodes are shared by text (Grafana repeats its patterns) and the sharing is bounded.</summary>
public class GlobNodeCacheTests
{
    [Fact]
    public void The_same_text_gives_the_same_node_and_it_still_matches()
    {
        var first = GlobNode.Parse("node*{a,b}");
        Assert.Same(first, GlobNode.Parse("node*{a,b}"));
        Assert.True(first.IsMatch("node01a"));
        Assert.False(first.IsMatch("node01c"));
    }

    [Fact]
    public void Many_distinct_patterns_keep_matching_as_parsed()
    {
        for (int i = 0; i < 3000; i++)
        {
            var node = GlobNode.Parse($"n{i}*x");
            Assert.True(node.IsMatch($"n{i}-x"));
            Assert.False(node.IsMatch($"n{i}-y"));
        }
        Assert.True(GlobNode.Parse("n0*x").IsMatch("n0x"));
    }
}
