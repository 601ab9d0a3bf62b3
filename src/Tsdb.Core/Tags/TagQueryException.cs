namespace Tsdb.Core.Tags;

/// <summary>A user mistake in a tag query (graphite-web raises ValueError for these, answered 400).</summary>
public sealed class TagQueryException(string message) : Exception(message);
