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
    private readonly record struct Child(string Name, Node Node);

    private sealed class Node
    {
        /// <summary>Every leaf without children (most nodes: one per series) is this one shared node, so a
        /// series costs its parent's 16-byte array slot, not a node object; read-only.</summary>
        public static readonly Node Leaf = new() { IsLeaf = true };

        /// <summary>Up to this many children live in an array (16 bytes each); more in a dictionary. Most
        /// nodes have a handful of children, and a dictionary per node cost ~200 bytes plus 48 per child.</summary>
        private const int ArrayLimit = 16;

        // null (no children), a Child[] whose first _count slots are children, or a ConcurrentDictionary past
        // ArrayLimit. The writer appends in place when the array has room (slot first, then _count) and publishes
        // a larger copy when it has none (array first, then _count); a reader takes the array, then _count, and
        // reads no further than both allow, so it sees a complete prefix. A copy per added child cost 120 bytes
        // of garbage per new series and a copy of the siblings.
        private object? _children;
        private int _count;
        public volatile bool IsLeaf;

        public bool HasChildren => Volatile.Read(ref _children) is not null;

        public bool TryGetChild(string name, out Node child)
        {
            switch (Volatile.Read(ref _children))
            {
                case Child[] array:
                    foreach (var c in Published(array))
                        if (c.Name == name) { child = c.Node; return true; }
                    break;
                case ConcurrentDictionary<string, Node> map:
                    return map.TryGetValue(name, out child!);
            }
            child = null!;
            return false;
        }

        /// <summary>The children, in no particular order (a snapshot for an array; live for a dictionary).</summary>
        public IEnumerable<Child> Children() => Volatile.Read(ref _children) switch
        {
            Child[] array => new ArraySegment<Child>(array, 0, Published(array).Length),
            ConcurrentDictionary<string, Node> map => map.Select(static kv => new Child(kv.Key, kv.Value)),
            _ => [],
        };

        /// <summary>Writer only: the child <paramref name="part"/>, created when missing, that can take children
        /// (a childless leaf is shared <see cref="Leaf"/> and is replaced by its own node here). Takes the
        /// segment's string from <paramref name="segments"/> only when the child is new (most segments of a new
        /// name are shared prefixes).</summary>
        public Node GetOrAddBranch(ReadOnlySpan<char> part, SegmentStringCache segments)
        {
            if (TryGetChild(part, out var existing, out int index))
            {
                if (!ReferenceEquals(existing, Leaf)) return existing;
                var branch = new Node { IsLeaf = true };
                Replace(part, index, branch);
                return branch;
            }
            var node = new Node();
            Insert(new Child(segments.Get(part), node));
            return node;
        }

        /// <summary>Writer only: marks the child <paramref name="part"/> as a leaf; false if it already was one.</summary>
        public bool AddLeaf(ReadOnlySpan<char> part, SegmentStringCache segments)
        {
            if (!TryGetChild(part, out var existing, out _))
            {
                Insert(new Child(segments.Get(part), Leaf));
                return true;
            }
            if (existing.IsLeaf) return false;
            existing.IsLeaf = true;
            return true;
        }

        /// <summary>Reader side: the children of <paramref name="array"/> (read from _children just before).</summary>
        private ReadOnlySpan<Child> Published(Child[] array) => array.AsSpan(0, Math.Min(Volatile.Read(ref _count), array.Length));

        private bool TryGetChild(ReadOnlySpan<char> part, out Node child, out int index)
        {
            index = -1;
            switch (_children)
            {
                case Child[] array:
                    for (int i = 0; i < _count; i++)
                        if (part.SequenceEqual(array[i].Name)) { child = array[i].Node; index = i; return true; }
                    break;
                case ConcurrentDictionary<string, Node> map:
                    return map.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(part, out child!);
            }
            child = null!;
            return false;
        }

        // Readers see the old or the new node of the child (only the Node reference changes in the slot; the
        // name is written back unchanged): a childless leaf either way.
        private void Replace(ReadOnlySpan<char> part, int index, Node node)
        {
            if (_children is Child[] array)
            {
                array[index] = array[index] with { Node = node };
            }
            else
            {
                var map = (ConcurrentDictionary<string, Node>)_children!;
                map[part.ToString()] = node;
            }
        }

        private void Insert(Child child)
        {
            switch (_children)
            {
                case ConcurrentDictionary<string, Node> map:
                    map[child.Name] = child.Node;
                    return;
                case Child[] full when _count >= ArrayLimit:
                    var dictionary = new ConcurrentDictionary<string, Node>(concurrencyLevel: 1, capacity: 2 * ArrayLimit, StringComparer.Ordinal);
                    foreach (var c in full) dictionary[c.Name] = c.Node;
                    dictionary[child.Name] = child.Node;
                    Volatile.Write(ref _children, dictionary);
                    return;
                case Child[] array when _count < array.Length:
                    array[_count] = child;
                    Volatile.Write(ref _count, _count + 1);
                    return;
                default:
                    var old = (Child[]?)_children ?? [];
                    // 2, 4, 6, 9, 13, 16: a node of ten children holds at most three empty slots.
                    var grown = new Child[Math.Min(old.Length + Math.Max(2, old.Length / 2), ArrayLimit)];
                    old.CopyTo(grown, 0);
                    grown[_count] = child;
                    Volatile.Write(ref _children, grown);
                    Volatile.Write(ref _count, _count + 1);
                    return;
            }
        }
    }

    private readonly Node _root = new();
    private readonly SegmentStringCache _segments = new();
    private int _leafCount;

    public int LeafCount => Volatile.Read(ref _leafCount);

    /// <summary>Adds a dotted name as a leaf. Returns false if it was already a leaf.</summary>
    public bool Add(string path)
    {
        var node = _root;
        var span = path.AsSpan();
        int start = 0;
        while (true)
        {
            int dot = span[start..].IndexOf('.');
            if (dot < 0) break;
            node = node.GetOrAddBranch(span.Slice(start, dot), _segments);
            start += dot + 1;
        }
        if (!node.AddLeaf(span[start..], _segments)) return false;
        Interlocked.Increment(ref _leafCount);
        return true;
    }

    public bool ContainsLeaf(string path)
    {
        var node = _root;
        foreach (var part in path.Split('.'))
            if (!node.TryGetChild(part, out node)) return false;
        return node.IsLeaf;
    }

    /// <summary>Nodes matching the pattern, sorted by path (ordinal), a branch before a leaf of the same path, each
    /// once. Two node texts mean what they mean to graphite-web's standard finder (finders/standard.py _find_paths,
    /// where a node is a directory): an empty node is the directory itself (join(dir, '') is dir), so 'a..b' finds
    /// 'a.b' and a trailing empty node lists the branches themselves, their paths ending in '.'; a node that is
    /// exactly '**' is the directory itself and every branch below it, each matched against the rest of the
    /// pattern ('*' when '**' ends it).</summary>
    public IReadOnlyList<MetricNode> Find(string pattern) => Find(GlobPattern.Parse(pattern));

    public IReadOnlyList<MetricNode> Find(GlobPattern pattern)
    {
        var results = new List<MetricNode>();
        // With '**' one branch can be reached at one pattern node along many paths ('**.*.**.x'): each such state
        // is walked once, so the work is at most the tree once per pattern node, however many globstars.
        var visited = pattern.Nodes.Any(n => n.Text == "**") ? new HashSet<(Node, int)>() : null;
        Walk(_root, pattern.Nodes, 0, "", results, visited);
        results.Sort(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Path, b.Path);
            return c != 0 ? c : a.IsLeaf.CompareTo(b.IsLeaf);
        });
        // '**' and repeated brace variants reach a node more than once; graphite-web's store merges by path.
        int kept = 0;
        for (int i = 0; i < results.Count; i++)
            if (kept == 0 || results[i] != results[kept - 1]) results[kept++] = results[i];
        results.RemoveRange(kept, results.Count - kept);
        return results;
    }

    private static readonly GlobNode Star = GlobNode.Parse("*");

    private static void Walk(Node node, IReadOnlyList<GlobNode> parts, int depth, string prefix, List<MetricNode> results,
        HashSet<(Node, int)>? visited)
    {
        if (visited is not null && !visited.Add((node, depth))) return;
        var glob = parts[depth];
        bool last = depth == parts.Count - 1;
        if (glob.Text == "**")
        {
            Globstar(node, parts, depth, prefix, results, visited);
            return;
        }
        IEnumerable<Child> candidates;
        if (glob.IsLiteral)
        {
            var list = new List<Child>();
            foreach (var lit in glob.Literals)
            {
                if (lit.Length == 0) Itself(node, parts, depth, prefix, results, visited);
                else if (node.TryGetChild(lit, out var child)) list.Add(new(lit, child));
            }
            candidates = list;
        }
        else
        {
            candidates = node.Children().Where(c => glob.IsMatch(c.Name));
        }
        foreach (var (name, child) in candidates)
        {
            if (last)
            {
                string path = Join(prefix, name);
                if (child.HasChildren) results.Add(new MetricNode(path, false));
                if (child.IsLeaf) results.Add(new MetricNode(path, true));
            }
            // A path is built only for a branch the walk enters (a '*' above the last node meets every leaf).
            else if (child.HasChildren && (visited is null || !visited.Contains((child, depth + 1))))
            {
                Walk(child, parts, depth + 1, Join(prefix, name), results, visited);
            }
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    /// <summary>An empty node at <paramref name="depth"/>: the branch <paramref name="node"/> itself.</summary>
    private static void Itself(Node node, IReadOnlyList<GlobNode> parts, int depth, string prefix, List<MetricNode> results,
        HashSet<(Node, int)>? visited)
    {
        if (depth < parts.Count - 1) Walk(node, parts, depth + 1, prefix, results, visited);
        else if (node.HasChildren) results.Add(new MetricNode(prefix.Length == 0 ? "" : prefix + ".", false));
    }

    /// <summary>'**' at <paramref name="depth"/>: the rest of the pattern from <paramref name="node"/> and from every
    /// branch below it. A run of '**' is one (the same directories, each reached once instead of once per path).</summary>
    private static void Globstar(Node node, IReadOnlyList<GlobNode> parts, int depth, string prefix, List<MetricNode> results,
        HashSet<(Node, int)>? visited)
    {
        while (depth + 1 < parts.Count && parts[depth + 1].Text == "**") depth++;
        IReadOnlyList<GlobNode> rest = depth == parts.Count - 1 ? [.. parts, Star] : parts;
        var pending = new Stack<(Node Node, string Path)>();
        pending.Push((node, prefix));
        while (pending.TryPop(out var dir))
        {
            // Only a '**' at this depth leads to depth + 1, and each enumerates whole subtrees: one seen before
            // had all its branches walked from there.
            if (visited!.Contains((dir.Node, depth + 1))) continue;
            Walk(dir.Node, rest, depth + 1, dir.Path, results, visited);
            foreach (var (name, child) in dir.Node.Children())
                if (child.HasChildren && !visited.Contains((child, depth + 1))) pending.Push((child, Join(dir.Path, name)));
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
        foreach (var (name, child) in node.Children())
        {
            string path = prefix.Length == 0 ? name : prefix + "." + name;
            if (child.IsLeaf) acc.Add(path);
            Collect(child, path, acc);
        }
    }
}
