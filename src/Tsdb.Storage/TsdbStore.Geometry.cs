using Tsdb.Core;

namespace Tsdb.Storage;

public sealed partial class TsdbStore : IFetchPlanner
{
    /// <summary>
    /// The number of values <see cref="Fetch"/> returns for the same arguments, from the series' schema alone
    /// (the same <see cref="PlanFetch"/>), no chunk read. Null where Fetch returns null.
    /// </summary>
    /// <exception cref="ArgumentException">from &gt; until (whisper's InvalidTimeInterval), as Fetch.</exception>
    public long? PointCount(string name, long from, long until, long now) =>
        PlanFetch(name, from, until, now) is { } plan ? (plan.UntilI - plan.FromI) / plan.Step : null;
}
