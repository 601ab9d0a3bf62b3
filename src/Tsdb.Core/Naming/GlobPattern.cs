namespace Tsdb.Core.Naming;

/// <summary>
/// A graphite path pattern split into per-node matchers. Matching never crosses a dot.
/// Backslashes are removed before matching (graphite-web standard finder: pattern.replace('\\', '')).
/// </summary>
public sealed class GlobPattern
{
    private GlobPattern(string text, GlobNode[] nodes)
    {
        Text = text;
        Nodes = nodes;
    }

    public string Text { get; }
    public IReadOnlyList<GlobNode> Nodes { get; }

    public static GlobPattern Parse(string pattern)
    {
        string clean = pattern.Replace("\\", "");
        var parts = clean.Split('.');
        return new GlobPattern(pattern, parts.Select(GlobNode.Parse).ToArray());
    }

    /// <summary>Whole-path match (same node count, every node matches).</summary>
    public bool IsMatch(string path)
    {
        var parts = path.Split('.');
        if (parts.Length != Nodes.Count) return false;
        for (int i = 0; i < parts.Length; i++)
            if (!Nodes[i].IsMatch(parts[i])) return false;
        return true;
    }
}
