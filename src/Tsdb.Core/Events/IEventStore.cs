namespace Tsdb.Core.Events;

/// <summary>The events store: every change is durable when the call returns.</summary>
public interface IEventStore : IEventReader
{
    /// <summary>Stores a new event; ids grow from 1 and are never reused.</summary>
    GraphiteEvent Add(double when, string what, string data, IReadOnlyList<string> tags);

    /// <summary>False when no event has that id.</summary>
    bool Delete(long id);
}
