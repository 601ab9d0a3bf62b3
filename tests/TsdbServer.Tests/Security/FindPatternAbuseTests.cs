using System.Net;
using System.Text;
using Tsdb.Core;
using Tsdb.Core.Naming;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Security;

/// <summary>
/// Brace groups in find and render path expressions are matched per node by one alternation per group, not
/// expanded into every variant: thirty '{a,b}' in one node (2^30 variants) or in thirty nodes return their
/// matches at once. A node that must still be expanded (a '[...]' class crossing a group) is bounded by
/// GlobNode.MaxBraceVariants, over which the answer is 400 naming it. No timing assertion: a cross product
/// would not finish.
/// </summary>
public sealed class FindPatternAbuseTests
{
    private static readonly string ThirtyGroups = string.Concat(Enumerable.Repeat("{a,b}", 30));
    private static readonly string ThirtyNodes = string.Join(".", Enumerable.Repeat("{a,b}", 30));

    private static readonly string AbName = "glob." + string.Concat(Enumerable.Repeat("ab", 15));
    private static readonly string AaName = "glob." + new string('a', 30);
    private static readonly string DeepAb = "deep." + string.Join(".", Enumerable.Range(0, 30).Select(i => i % 3 == 0 ? "b" : "a"));
    private static readonly string DeepA = "deep." + string.Join(".", Enumerable.Repeat("a", 30));
    private static readonly string[] Misses =
    [
        "glob." + new string('a', 29) + "c", "glob." + new string('a', 29), "glob." + new string('a', 31),
        "deep." + string.Join(".", Enumerable.Repeat("a", 29)) + ".c", "deep." + string.Join(".", Enumerable.Repeat("a", 29)),
    ];

    [Fact]
    public void Thirty_brace_groups_in_one_node_or_in_thirty_nodes_match_without_expanding()
    {
        var tree = new MetricNameTree();
        foreach (var name in Misses.Concat([AbName, AaName, DeepAb, DeepA])) tree.Add(name);

        Assert.Equal([new MetricNode(AaName, true), new MetricNode(AbName, true)], tree.Find("glob." + ThirtyGroups));
        Assert.Equal([new MetricNode(DeepA, true), new MetricNode(DeepAb, true)], tree.Find("deep." + ThirtyNodes));
        // Nested groups, graphite-web's way: '{a,{b,d}}' is a, b or d; '{,x}' is nothing or x.
        Assert.Equal([new MetricNode(AaName, true), new MetricNode(AbName, true)],
            tree.Find("glob." + string.Concat(Enumerable.Repeat("{a,{b,d}}", 30))));
        Assert.True(GlobPattern.Parse(ThirtyGroups + "{,x}").IsMatch(new string('b', 30)));
        Assert.False(GlobPattern.Parse(ThirtyGroups).IsMatch(new string('b', 29) + "c"));
        // Character classes inside the groups.
        Assert.Equal([new MetricNode(AaName, true), new MetricNode(AbName, true)],
            tree.Find("glob." + string.Concat(Enumerable.Repeat("{a[ab],b[!c]}", 15))));

        var e = Assert.Throws<GlobPatternTooComplexException>(() => GlobPattern.Parse("[" + string.Concat(Enumerable.Repeat("{a,b}", 20)) + "]"));
        Assert.Contains("MaxBraceVariants", e.Message);
        // Under the bound such a node is still expanded as graphite-web does: '[{a,b}]' is '[a]' or '[b]'.
        Assert.True(GlobPattern.Parse("x[{a,b}]").IsMatch("xb"));
        Assert.False(GlobPattern.Parse("x[{a,b}]").IsMatch("x{"));
    }

    [Fact]
    public async Task Find_and_render_answer_brace_bombs_with_their_matches_and_refuse_unbounded_expansion_naming_the_limit()
    {
        using var data = new TempDirectory();
        await using var server = await InProcessServer.StartAsync(data.Path, null, QueryLimitsTests.NoRefusalDelay);
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var lines = new StringBuilder();
        foreach (var name in Misses.Concat([AbName, AaName, DeepAb, DeepA])) lines.Append($"{name} 1 {now - 10}\n");
        await server.SendPlaintextAsync(Encoding.ASCII.GetBytes(lines.ToString()));
        await server.WaitUntilStoredAsync();

        string find = await GetOkAsync(server, "/metrics/find?query=" + Uri.EscapeDataString("glob." + ThirtyGroups));
        Assert.Contains($"\"{AaName}\"", find);
        Assert.Contains($"\"{AbName}\"", find);
        Assert.DoesNotContain(Misses[0], find);

        string render = await GetOkAsync(server, "/render?format=json&from=-5min&target=" + Uri.EscapeDataString("deep." + ThirtyNodes));
        Assert.Contains($"\"{DeepA}\"", render);
        Assert.Contains($"\"{DeepAb}\"", render);
        Assert.DoesNotContain(Misses[3], render);

        string bomb = Uri.EscapeDataString("glob.[" + string.Concat(Enumerable.Repeat("{a,b}", 30)) + "]");
        foreach (var url in new[] { "/metrics/find?query=" + bomb, "/render?format=json&from=-5min&target=" + bomb })
        {
            var response = await server.Http.GetAsync(url);
            string body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
            Assert.Contains("MaxBraceVariants", body);
        }
    }

    private static async Task<string> GetOkAsync(InProcessServer server, string url)
    {
        var response = await server.Http.GetAsync(url);
        string body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return body;
    }
}
