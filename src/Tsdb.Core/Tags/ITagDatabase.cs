namespace Tsdb.Core.Tags;

/// <summary>
/// graphite-web's TagDB (tags/base.py, tags/localdatabase.py) as the HTTP API and seriesByTag see it.
/// Queries may run on any thread beside the writer. A user mistake (bad expression, bad regex, the
/// empty-string rule) throws <see cref="TagQueryException"/>; a name that is not a valid tagged name
/// given to <see cref="TagSeries"/> throws <see cref="FormatException"/>.
/// </summary>
public interface ITagDatabase
{
    /// <summary>Canonical names of the series matching every expression, sorted ordinally.</summary>
    IReadOnlyList<string> FindSeries(IReadOnlyList<string> expressions);

    /// <summary>Known tags sorted; <paramref name="filter"/> is a regex anchored at the start.</summary>
    IReadOnlyList<TagInfo> ListTags(string? filter = null, int? limit = null);

    /// <summary>The tag and its values (with series counts) sorted by value; null for an unknown tag.</summary>
    TagDetails? GetTag(string tag, string? valueFilter = null, int? limit = null);

    /// <summary>Tag names for Grafana's tag editor: without expressions all tags starting with the prefix;
    /// with expressions the other tags of the matching series. Sorted, distinct, at most limit.</summary>
    IReadOnlyList<string> AutoCompleteTags(IReadOnlyList<string> expressions, string? tagPrefix, int limit);

    /// <summary>Values of <paramref name="tag"/> (over the series matching the expressions, if any)
    /// starting with the prefix. Sorted, distinct, at most limit.</summary>
    IReadOnlyList<string> AutoCompleteValues(IReadOnlyList<string> expressions, string tag, string? valuePrefix, int limit);

    /// <summary>Registers a series by name (any tag order); returns its canonical name.</summary>
    /// <exception cref="IOException">The registration could not be made durable (a full or failing disk); nothing changed.</exception>
    string TagSeries(string path);

    /// <summary>Removes a series from the tag database (its data stays in storage).</summary>
    /// <exception cref="IOException">The removal could not be made durable; nothing changed.</exception>
    void DeleteSeries(string path);
}
