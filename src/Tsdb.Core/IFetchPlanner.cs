namespace Tsdb.Core;

/// <summary>
/// Optional on an <see cref="IMetricReader"/>: the size of a fetch from the series' geometry alone (whisper's
/// archive choice and slot alignment), without reading or decoding any data, so a limit can refuse a
/// request before its fetches cost anything.
/// </summary>
public interface IFetchPlanner
{
    /// <summary>
    /// The length of the Values that <see cref="IMetricReader.Fetch"/> would return for the same arguments,
    /// or null where it would return null (unknown series, from &gt; now, until older than the max retention).
    /// </summary>
    /// <exception cref="ArgumentException">from &gt; until, as Fetch.</exception>
    long? PointCount(string name, long from, long until, long now);
}

/// <summary>
/// Optional on an <see cref="IMetricReader"/> that enforces per-request limits: the query layer announces every
/// series it is about to fetch for one range (the expansion of a request's path expressions) before fetching
/// any of them, so the whole set is charged, and refused, up front. Each announced name then pays for one
/// later Fetch of that name and range.
/// </summary>
public interface IFetchReservations
{
    /// <summary>Charges the fetches of <paramref name="names"/> over (from, until] at now; throws (a limit's
    /// exception) when they do not fit.</summary>
    void Reserve(IReadOnlyCollection<string> names, long from, long until, long now);
}
