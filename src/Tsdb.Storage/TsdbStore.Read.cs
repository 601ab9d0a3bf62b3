using Tsdb.Core;
using Tsdb.Storage.Chunks;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage;

public sealed partial class TsdbStore
{
    /// <summary>
    /// graphite-web find over the name tree. Tagged series appear as _tagged.h[0:3].h[3:6].h, as carbon's
    /// files do; a pattern containing ';' (not starting with '_tagged.') is an exact lookup of that
    /// tagged series (graphite-web storage.py find).
    /// </summary>
    public IReadOnlyList<MetricNode> Find(string pattern)
    {
        if (TaggedPath.IsTagged(pattern) && !pattern.StartsWith(TaggedPath.Prefix, StringComparison.Ordinal))
            return _byName.ContainsKey(pattern) ? [new MetricNode(pattern, true)] : [];
        IndexQueuedPaths();
        return _tree.Find(pattern);
    }

    /// <summary>
    /// <see cref="Find"/>'s leaves. A plain path (no glob character, no empty node: one exact name per node, what
    /// a render of one series asks) matches only itself, and is a leaf exactly when a series of that name (or that
    /// _tagged path) is held: answered from the series maps, without waiting for the name tree to take the names
    /// queued for it. A burst of new series queues a million names (10,000 collectl nodes' first second), and a
    /// render of one series waited for all of them to be indexed.
    /// </summary>
    public IReadOnlyList<string> FindLeaves(string pattern)
    {
        if (!IsPlainPath(pattern)) return [.. Find(pattern).Where(n => n.IsLeaf).Select(n => n.Path)];
        bool held = pattern.StartsWith(TaggedPath.Prefix, StringComparison.Ordinal)
            ? _byTaggedPath.ContainsKey(pattern)
            : _byName.ContainsKey(pattern);
        return held ? [pattern] : [];
    }

    /// <summary>No character graphite-web's find treats specially ('*', '?', '[', ']', '{', '}', and '\', which it
    /// removes) and no empty node.</summary>
    private static bool IsPlainPath(string pattern) =>
        pattern.Length > 0 && pattern.AsSpan().IndexOfAny(GlobCharacters) < 0
        && pattern[0] != '.' && pattern[^1] != '.' && !pattern.Contains("..", StringComparison.Ordinal);

    private static readonly System.Buffers.SearchValues<char> GlobCharacters = System.Buffers.SearchValues.Create("*?[]{}\\");

    public IReadOnlyList<string> AllLeafPaths()
    {
        IndexQueuedPaths();
        return _tree.AllLeaves();
    }

    /// <summary>The name tree's leaf count: every new name, tagged ones too (their _tagged path), adds a leaf
    /// after it is registered, and nothing is ever removed.</summary>
    public long? NamesGeneration
    {
        get
        {
            IndexQueuedPaths();
            return _tree.LeafCount;
        }
    }

    /// <summary>
    /// whisper file_fetch: until clamped to now and from to now - maxRetention; None when from &gt; now or
    /// until is older than the max retention; the archive is the first whose retention covers now - from;
    /// slots are (from, until] aligned up to the step (fromI = from - from%step + step, likewise untilI,
    /// one more step if equal). Missing slots are NaN. <paramref name="name"/> is a canonical name or a
    /// _tagged.* path.
    /// </summary>
    /// <exception cref="ArgumentException">from &gt; until (whisper's InvalidTimeInterval).</exception>
    public SeriesFetchResult? Fetch(string name, long from, long until, long now)
    {
        if (PlanFetch(name, from, until, now) is not { } plan) return null;
        var (series, archive, fromI, untilI, step) = plan;
        if (archive > 0) RollupBeforeRead(series);
        // Every slot is written (NaN = missing) before any is read, so the array need not be zeroed first.
        var values = GC.AllocateUninitializedArray<double>((int)((untilI - fromI) / step));
        Array.Fill(values, double.NaN);
        ReadSlots(series, archive, fromI, values);
        return new SeriesFetchResult(fromI, untilI, step, values);
    }

    /// <summary>whisper file_fetch's geometry, shared by <see cref="Fetch"/> and <see cref="PointCount"/>: the
    /// series, the archive read and the aligned slots [fromI, untilI) of step seconds; null where Fetch returns
    /// null (unknown series, from after now, until older than the max retention).</summary>
    /// <exception cref="ArgumentException">from &gt; until (whisper's InvalidTimeInterval).</exception>
    private (SeriesState Series, int Archive, long FromI, long UntilI, long Step)? PlanFetch(string name, long from, long until, long now)
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
        return (series, archive, fromI, untilI, step);
    }

    /// <summary>Python's t - t % step (floor modulo, also for negative t).</summary>
    private static long FloorAlign(long t, long step) => t - (((t % step) + step) % step);

    /// <summary>Fills values[i] with the slot at first + i*step: in-memory chunks are copied under the
    /// series lock; stored chunks are read afterwards, all in one call to the chunk store.</summary>
    private void ReadSlots(SeriesState series, int archive, long first, double[] values)
    {
        ref var state = ref series.Archives[archive];
        long step = series.Step(archive), window = series.Window(archive);
        long last = first + (values.Length - 1) * step;
        if (last < 0) return;
        long firstIndex = Math.Max(0, first) / window, lastIndex = last / window;
        List<long>? toLoad = null;
        lock (series)
        {
            for (long index = firstIndex; index <= lastIndex; index++)
            {
                var open = state.FindOpen(index * window);
                if (open is not null) CopyWindow(open, window, first, values);
                else if (state.IsStored(index)) (toLoad ??= []).Add(index);
            }
        }
        if (toLoad is null) return;
        var keys = new long[toLoad.Count];
        for (int i = 0; i < keys.Length; i++) keys[i] = ChunkKey.Chunk(series.Id, archive, toLoad[i]);
        var stored = _chunks.Read(keys);
        for (int i = 0; i < keys.Length; i++)
        {
            if (stored[i] is not { } bytes) continue;
            long index = toLoad[i];
            try { ChunkCodec.DecodeInto(bytes, index * window, (int)step, (int)(window / step), first, values); }
            catch (Exception e) when (e is InvalidDataException or OverflowException)
            {
                // A damaged chunk reads as its slots missing, as DecodeChunk's callers treat it.
                StorageLog.ChunkDamaged(_logger, keys[i], series.Name, e.Message);
            }
        }
    }

    /// <summary>Copies the part of a chunk that overlaps [first, first + values.Length*step).</summary>
    private static void CopyWindow(SeriesChunk chunk, long window, long first, double[] values)
    {
        long step = chunk.Step;
        long windowEnd = chunk.WindowStart + window;
        long start = Math.Max(first, chunk.WindowStart);
        long end = Math.Min(first + values.Length * step, windowEnd);
        if (start >= end) return;
        int offset = (int)((start - first) / step);
        chunk.CopyTo(start, values.AsSpan(offset, (int)((end - start) / step)));
    }
}
