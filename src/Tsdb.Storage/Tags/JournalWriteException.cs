namespace Tsdb.Storage.Tags;

/// <summary>A change to the tag database or the events could not be made durable (a full or failing disk): it was
/// not applied, and the caller should say so (HTTP 503) rather than acknowledge it.</summary>
public sealed class JournalWriteException(string message, Exception? inner = null) : IOException(message, inner);
