using System.Collections.Concurrent;

namespace Tsdb.Core.Naming;

/// <summary>
/// In-memory tree of metric names for find: one node per path segment, shared by every series below it,
/// so a name costs one node per segment not already present. A node can be a branch (has children)
/// and a leaf (a series with exactly that name) at once, like whisper's kbin.wsp next to kbin/.
/// Thread-safety: one writer (<see cref="Add"/>) and any number of concurrent readers.
/// </summary>
public sealed class MetricNameTree
{
    private sealed class Node
    {
        // Shared by every childless node and never written: most nodes are leaves, and an empty
        // ConcurrentDictionary per leaf cost several hundred bytes per series.
        private static readonly ConcurrentDictionary<string, Node> NoChildren = new(StringComparer.Ordinal);
        private ConcurrentDictionary<string, Node>? _children;
        public volatile bool IsLeaf;

        public ConcurrentDictionary<string, Node> Children => Volatile.Read(ref _children) ?? NoChildren;

        /// <summary>Writer only. Allocates the segment's string only when the child is new (most segments of a
        /// new name are shared prefixes: a restart re-adds a million names).</summary>
        public Node GetOrAddChild(ReadOnlySpan<char> part)
        {
            var children = _children;
            if (children is null)
            {
                children = new ConcurrentDictionary<string, Node>(concurrencyLevel: 1, capacity: 1, StringComparer.Ordinal);
                Volatile.Write(ref _children, children);
            }
            if (children.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(part, out var child)) return child;
            return children.GetOrAdd(part.ToString(), static _ => new Node());
        }
    }

    private readonly Node _root = new();
    private int _leafCount;

    public int LeafCount => Volatile.Read(ref _leafCount);

    /// <summary>Adds a dotted name as a leaf. Returns false if it was already a leaf.</summary>
    public bool Add(string path)
    {
        var node = _root;
        foreach (var range in path.AsSpan().Split('.'))
            node = node.GetOrAddChild(path.AsSpan(range));
        if (node.IsLeaf) return false;
        node.IsLeaf = true;
        Interlocked.Increment(ref _leafCount);
        return true;
    }

    public bool ContainsLeaf(string path)
    {
        var node = _root;
        foreach (var part in path.Split('.'))
            if (!node.Children.TryGetValue(part, out node!)) return false;
        return node.IsLeaf;
    }

    /// <summary>Nodes matching the pattern, sorted by path (ordinal), a branch before a leaf of the same path.</summary>
    public IReadOnlyList<MetricNode> Find(string pattern) => Find(GlobPattern.Parse(pattern));

    public IReadOnlyList<MetricNode> Find(GlobPattern pattern)
    {
        var results = new List<MetricNode>();
        Walk(_root, pattern.Nodes, 0, "", results);
        results.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Path, b.Path);
            return c != 0 ? c : a.IsLeaf.CompareTo(b.IsLeaf);
        });
        return results;
    }

    private static void Walk(Node node, IReadOnlyList<GlobNode> parts, int depth, string prefix, List<MetricNode> results)
    {
        var glob = parts[depth];
        bool last = depth == parts.Count - 1;
        IEnumerable<KeyValuePair<string, Node>> candidates;
        if (glob.IsLiteral)
        {
            var list = new List<KeyValuePair<string, Node>>();
            foreach (var lit in glob.Literals)
                if (node.Children.TryGetValue(lit, out var child)) list.Add(new(lit, child));
            candidates = list;
        }
        else
        {
            candidates = node.Children.Where(kv => glob.IsMatch(kv.Key));
        }
        foreach (var (name, child) in candidates)
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            if (last)
            {
                if (!child.Children.IsEmpty) results.Add(new MetricNode(path, false));
                if (child.IsLeaf) results.Add(new MetricNode(path, true));
            }
            else if (!child.Children.IsEmpty)
            {
                Walk(child, parts, depth + 1, path, results);
            }
        }
    }

    /// <summary>Every leaf path, sorted ordinally.</summary>
    public IReadOnlyList<string> AllLeaves()
    {
        var list = new List<string>();
        Collect(_root, "", list);
        list.Sort(StringComparer.Ordinal);
        return list;
    }

    private static void Collect(Node node, string prefix, List<string> acc)
    {
        foreach (var (name, child) in node.Children)
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            if (child.IsLeaf) acc.Add(path);
            Collect(child, path, acc);
        }
    }
}
