using Tsdb.Core.Tags;

namespace Tsdb.Query.Tests.Tags;

/// <summary>An ITagDatabase over a TagIndex; names given to TagSeries must already be canonical.</summary>
public sealed class MemoryTagDatabase : ITagDatabase
{
    public readonly TagIndex Index = new();
    public IReadOnlyList<string> FindSeries(IReadOnlyList<string> e) => Index.FindSeries(e);
    public IReadOnlyList<TagInfo> ListTags(string? filter = null, int? limit = null) => Index.ListTags(filter, limit);
    public TagDetails? GetTag(string tag, string? valueFilter = null, int? limit = null) => Index.GetTag(tag, valueFilter, limit);
    public IReadOnlyList<string> AutoCompleteTags(IReadOnlyList<string> e, string? p, int l) => Index.AutoCompleteTags(e, p, l);
    public IReadOnlyList<string> AutoCompleteValues(IReadOnlyList<string> e, string t, string? p, int l) => Index.AutoCompleteValues(e, t, p, l);

    public string TagSeries(string path)
    {
        if (TaggedName.Parse(path) is null) throw new FormatException($"Cannot parse path {path}");
        Index.Add(path);
        return path;
    }

    public void DeleteSeries(string path) => Index.Remove(path);
}
