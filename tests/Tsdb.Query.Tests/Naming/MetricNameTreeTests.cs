using Tsdb.Core.Naming;

namespace Tsdb.Query.Tests.Naming;

/// <summary>
/// The name tree keeps a few children per node in an array and switches to a dictionary past 16: find must
/// answer the same on both sides of that switch, and a reader running while the single writer adds names
/// must find every name whose Add returned before the lookup started.
/// </summary>
public sealed class MetricNameTreeTests
{
    // Fan-outs below, at and above the array limit (16), a leaf that is also a branch, and deep paths.
    private static IEnumerable<string> Names()
    {
        foreach (int fanout in new[] { 1, 3, 16, 17, 40 })
            for (int i = 0; i < fanout; i++)
            {
                yield return $"f{fanout}.n{i:D2}.cpu";
                yield return $"f{fanout}.n{i:D2}.disk.sda.writekbs";
                yield return $"f{fanout}.n{i:D2}.disk.sdb.writekbs";
            }
        // A childless leaf that later gets children, and a branch that later becomes a leaf too.
        yield return "kbin";
        yield return "kbin.x";
        yield return "deep.a.b";
        yield return "deep.a";
    }

    [Theory]
    [InlineData("*")]
    [InlineData("f17.*")]
    [InlineData("f40.*.cpu")]
    [InlineData("f16.n1?.disk.*")]
    [InlineData("f*.n0[0-3].disk.sd[ab].writekbs")]
    [InlineData("f{3,17}.{n00,n16,n99}.cpu")]
    [InlineData("kbin")]
    [InlineData("kbin.*")]
    [InlineData("deep.*")]
    [InlineData("*.*")]
    [InlineData("*.*.*.*.*")]
    public void Find_matches_a_naive_glob_over_every_node_path(string pattern)
    {
        var tree = new MetricNameTree();
        var names = Names().ToList();
        foreach (var name in names) Assert.True(tree.Add(name));

        var glob = GlobPattern.Parse(pattern);
        var expected = new SortedSet<(string Path, bool IsLeaf)>(Comparer<(string Path, bool IsLeaf)>.Create(
            (a, b) => string.CompareOrdinal(a.Path, b.Path) is var c && c != 0 ? c : a.IsLeaf.CompareTo(b.IsLeaf)));
        foreach (var name in names)
        {
            var parts = name.Split('.');
            for (int depth = 1; depth <= parts.Length; depth++)
            {
                if (depth != glob.Nodes.Count) continue;
                if (!Enumerable.Range(0, depth).All(i => glob.Nodes[i].IsMatch(parts[i]))) continue;
                string path = string.Join('.', parts.Take(depth));
                expected.Add((path, depth == parts.Length));
                if (depth < parts.Length) expected.Add((path, false));
            }
        }
        Assert.Equal(expected.Select(e => $"{e.Path}:{e.IsLeaf}"), tree.Find(glob).Select(n => $"{n.Path}:{n.IsLeaf}"));
    }

    [Fact]
    public void Adding_twice_counts_once_and_every_leaf_is_listed_in_order()
    {
        var tree = new MetricNameTree();
        var names = Names().ToList();
        foreach (var name in names) tree.Add(name);
        Assert.False(tree.Add("f40.n39.cpu"));
        Assert.Equal(names.Count, tree.LeafCount);
        Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), tree.AllLeaves());
        Assert.True(tree.ContainsLeaf("f17.n16.disk.sdb.writekbs"));
        Assert.False(tree.ContainsLeaf("f17.n16.disk"));
        Assert.False(tree.ContainsLeaf("f17.n17.cpu"));
    }

    [Fact]
    public void An_empty_node_is_the_branch_itself_and_a_globstar_is_every_branch_below_each_path_once()
    {
        var tree = new MetricNameTree();
        var names = Names().ToList();
        foreach (var name in names) tree.Add(name);
        string Paths(string pattern) => string.Join(" ", tree.Find(pattern).Select(n => $"{n.Path}:{n.IsLeaf}"));

        Assert.Equal(Paths("f3.n00.cpu"), Paths("f3..n00.cpu"));
        Assert.Equal(Paths("f3.*.disk"), Paths("f3..*..disk"));
        Assert.Equal("f3.n00.:False f3.n01.:False f3.n02.:False", Paths("f3.*."));
        Assert.Equal("", Paths("f3.n00.cpu."));

        // Every node under f3 at any depth, branches and leaves, each once; f3 itself is not below f3.
        var below = names.Where(n => n.StartsWith("f3.", StringComparison.Ordinal))
            .SelectMany(n => Enumerable.Range(2, n.Split('.').Length - 1).Select(k => (Path: string.Join('.', n.Split('.')[..k]), IsLeaf: k == n.Split('.').Length)))
            .Distinct().OrderBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.IsLeaf);
        Assert.Equal(string.Join(" ", below.Select(p => $"{p.Path}:{p.IsLeaf}")), Paths("f3.**"));
        Assert.Equal("f3.n00.disk.sda.writekbs:True f3.n01.disk.sda.writekbs:True f3.n02.disk.sda.writekbs:True",
            Paths("f3.**.sda.writekbs"));
        Assert.Equal(Paths("f3.**.writekbs"), Paths("f3.**.**.writekbs"));
        Assert.Equal(Paths("f*.*.disk.*.writekbs"), Paths("f*.**.**.disk.**.writekbs"));
        // Globstars apart, reaching the same branches along many paths: every writekbs at least three nodes deep.
        Assert.Equal(Paths("*.*.*.*.writekbs"), Paths("**.*.**.*.**.writekbs"));
    }

    [Fact]
    public async Task A_reader_finds_every_name_added_before_its_lookup_while_the_writer_adds_more()
    {
        var tree = new MetricNameTree();
        // Every tenth leaf gets a child 100 names later: the leaf must stay findable while its node is replaced.
        string[] names = Enumerable.Range(0, 60_000)
            .SelectMany(i => i % 10 == 0 && i >= 100
                ? new[] { $"h{i % 37}.g{i % 1013}.m{i}", $"h{(i - 100) % 37}.g{(i - 100) % 1013}.m{i - 100}.sub" }
                : new[] { $"h{i % 37}.g{i % 1013}.m{i}" })
            .ToArray();
        int added = 0;
        var writer = Task.Run(() =>
        {
            foreach (var name in names)
            {
                tree.Add(name);
                Volatile.Write(ref added, Volatile.Read(ref added) + 1);
            }
        });
        var random = new Random(7);
        int checks = 0;
        while (!writer.IsCompleted || checks < 1000)
        {
            int known = Volatile.Read(ref added);
            if (known == 0) continue;
            string name = names[random.Next(known)];
            Assert.True(tree.ContainsLeaf(name), name);
            var parts = name.Split('.');
            string parent = string.Join('.', parts[..^1]);
            Assert.Contains(tree.Find($"{parent}.*"), n => n.Path == name && n.IsLeaf);
            checks++;
        }
        await writer;
        Assert.Equal(names.Length, tree.LeafCount);
    }
}
