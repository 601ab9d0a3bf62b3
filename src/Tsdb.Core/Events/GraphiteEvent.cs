namespace Tsdb.Core.Events;

/// <summary>
/// An annotation event (graphite-web events/models.py Event): <see cref="When"/> in whole epoch seconds
/// (graphite-web answers an integer; a fractional 'when' is truncated). <see cref="Tags"/> is what
/// graphite-web answers: the stored tag text (a list joined with spaces) split on whitespace, in the order
/// given; matching uses django-tagging's parsed tag names instead (<see cref="EventTagParser"/>).
/// </summary>
public sealed record GraphiteEvent(long Id, long When, string What, string Data, IReadOnlyList<string> Tags);

/// <summary>How /events/get_data combines several tags (graphite-web Event.find_events): all of them
/// (the default), any of them (union) or all of them (intersection).</summary>
public enum EventTagSet
{
    All,
    Union,
    Intersection,
}
