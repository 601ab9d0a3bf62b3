namespace Tsdb.Core.Events;

/// <summary>The read side of the events store, as the query layer (the events() function) sees it.
/// Safe to call from any thread.</summary>
public interface IEventReader
{
    /// <summary>Events with from &lt;= time &lt;= until (both inclusive) carrying the tags as
    /// <paramref name="set"/> says (null tags = every event), ascending by when then id.</summary>
    IReadOnlyList<GraphiteEvent> Find(long from, long until, IReadOnlyList<string>? tags, EventTagSet set = EventTagSet.All);

    GraphiteEvent? Get(long id);
}
