namespace Tsdb.Core.Events;

/// <summary>The events store: every change is durable when the call returns.</summary>
public interface IEventStore : IEventReader
{
    /// <summary>Stores a new event; ids grow from 1 and are never reused.</summary>
    /// <exception cref="IOException">It could not be made durable (a full or failing disk); nothing changed.</exception>
    GraphiteEvent Add(double when, string what, string data, IReadOnlyList<string> tags);

    /// <summary>False when no event has that id.</summary>
    /// <exception cref="IOException">The deletion could not be made durable; nothing changed.</exception>
    bool Delete(long id);
}
