namespace Tsdb.Core.Events;

/// <summary>
/// An annotation event (graphite-web events/models.py Event). <see cref="Time"/> is the epoch time as
/// given (fractions kept: range filters compare it, as the database compares its datetime);
/// <see cref="When"/> is the whole second graphite-web answers (utils.epoch truncates). <see cref="Tags"/> is what
/// graphite-web answers: the stored tag text (a list joined with spaces) split on whitespace, in the order
/// given; matching uses django-tagging's parsed tag names instead (<see cref="EventTagParser"/>).
/// </summary>
public sealed record GraphiteEvent(long Id, double Time, string What, string Data, IReadOnlyList<string> Tags)
{
    public long When => (long)Math.Floor(Time);
}

/// <summary>How /events/get_data combines several tags (graphite-web Event.find_events): all of them
/// (the default), any of them (union) or all of them (intersection).</summary>
public enum EventTagSet
{
    All,
    Union,
    Intersection,
}
