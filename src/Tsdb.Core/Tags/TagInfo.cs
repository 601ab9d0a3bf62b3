namespace Tsdb.Core.Tags;

/// <summary>A tag as /tags lists it; <see cref="Id"/> is a database id (Grafana ignores it).</summary>
public sealed record TagInfo(int Id, string Tag);

/// <summary>A value of a tag with the number of series carrying it (/tags/&lt;tag&gt;).</summary>
public sealed record TagValueInfo(int Id, string Value, int Count);

/// <summary>/tags/&lt;tag&gt;: the tag and its values sorted by value.</summary>
public sealed record TagDetails(int Id, string Tag, IReadOnlyList<TagValueInfo> Values);
