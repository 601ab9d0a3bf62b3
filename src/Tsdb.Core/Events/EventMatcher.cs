namespace Tsdb.Core.Events;

/// <summary>
/// graphite-web Event.find_events + events/views.py fetch over django-tagging: a tag exists only once some
/// event carries it. Default (with_all): tags nobody carries are ignored, and none left means no events;
/// union (with_any): events with any tag; intersection: events with every tag asked for (views.py's
/// workaround drops the unknown-tag matches django-tagging would return).
/// </summary>
public static class EventMatcher
{
    public static IReadOnlyList<GraphiteEvent> Find(IEnumerable<GraphiteEvent> events, long from, long until,
        IReadOnlyList<string>? tags, EventTagSet set)
    {
        var inRange = events.Where(e => e.Time >= from && e.Time <= until).ToList();
        List<GraphiteEvent> result;
        if (tags is null)
        {
            result = inRange;
        }
        else
        {
            var all = events.ToList();
            var tagsOf = all.ToDictionary(e => e.Id, e => EventTagParser.Parse(string.Join(' ', e.Tags)).ToHashSet(StringComparer.Ordinal));
            var known = tags.Where(t => tagsOf.Values.Any(s => s.Contains(t))).Distinct(StringComparer.Ordinal).ToList();
            result = set switch
            {
                EventTagSet.Union => inRange.Where(e => tags.Any(tagsOf[e.Id].Contains)).ToList(),
                EventTagSet.Intersection => inRange.Where(e => tags.All(tagsOf[e.Id].Contains)).ToList(),
                _ => known.Count == 0 ? [] : inRange.Where(e => known.All(tagsOf[e.Id].Contains)).ToList(),
            };
        }
        return result.OrderBy(e => e.Time).ThenBy(e => e.Id).ToList();
    }
}
