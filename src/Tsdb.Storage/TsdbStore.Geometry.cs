using Tsdb.Core;

namespace Tsdb.Storage;

public sealed partial class TsdbStore : IFetchPlanner
{
    /// <summary>
    /// The number of values <see cref="Fetch"/> returns for the same arguments, from the series' schema alone:
    /// the same clamping (until to now, from to now - maxRetention), archive choice (the first whose
    /// retention covers now - from) and slot alignment (fromI, untilI, one more step when equal), no chunk
    /// read. Null where Fetch returns null.
    /// </summary>
    /// <exception cref="ArgumentException">from &gt; until (whisper's InvalidTimeInterval), as Fetch.</exception>
    public long? PointCount(string name, long from, long until, long now)
    {
        if (from > until)
            throw new ArgumentException($"Invalid time interval: from time '{from}' is after until time '{until}'");
        if (!_byName.TryGetValue(name, out var series) && !_byTaggedPath.TryGetValue(name, out series))
            return null;
        var schema = series.Schema;
        long oldest = now - schema.MaxRetention;
        if (from > now || until < oldest) return null;
        if (from < oldest) from = oldest;
        if (until > now) until = now;
        long diff = now - from;
        int archive = 0;
        while (archive < schema.Archives.Count - 1 && schema.Archives[archive].Retention < diff) archive++;

        long step = schema.Archives[archive].Step;
        long fromI = FloorAlign(from, step) + step;
        long untilI = FloorAlign(until, step) + step;
        if (fromI == untilI) untilI += step;
        return (untilI - fromI) / step;
    }
}
