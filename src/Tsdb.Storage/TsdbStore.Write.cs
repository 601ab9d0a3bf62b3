using System.Diagnostics;
using Tsdb.Core;
using Tsdb.Storage.Chunks;
using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage;

public sealed partial class TsdbStore
{
    /// <summary>
    /// Appends the batch to the WAL, then applies it: whisper update_many per series (each point to the
    /// finest archive whose retention covers its age at the batch's arrival time, last write wins). The
    /// rollup of the touched buckets is deferred up to <see cref="StorageOptions.RollupInterval"/> (see
    /// <see cref="RollupPending"/>). Writer thread only; the batch is not kept.
    /// </summary>
    /// <exception cref="StorageFailedException">The store has failed (<see cref="Failure"/>): nothing was written.</exception>
    public void Write(PointBatch batch)
    {
        if (batch.Count == 0) return;
        _writeGate.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            ThrowIfFailed();
            long now = Now;
            long arrival = batch.ArrivalTime > 0 ? batch.ArrivalTime : now;
            var resolved = Resolve(batch.Names, batch.Series);
            int maxEntry = 1 << (_options.WalPageSizeBits - 1);
            for (int start = 0; start < resolved.Length;)
            {
                int length = WalRecord.Encode(resolved, batch.Timestamps, batch.Values, start, arrival, maxEntry, ref _walBytes, out start);
                _wal.Append(_walBytes.AsSpan(0, length));
            }
            Apply(resolved, batch.Timestamps, batch.Values, arrival);
            long ticks = Stopwatch.GetTimestamp();
            if (ticks >= _nextRollup)
            {
                RollupPending(deferCurrentBuckets: true);
                _nextRollup = ticks + (long)(_options.RollupInterval.TotalSeconds * Stopwatch.Frequency);
            }
            TimedSweepSlice(now, keepDutyCycle: true);
        }
        finally
        {
            // Also after a failed batch: the series it created are held, and their names go to the tree.
            ScheduleIndexing();
            _writeGate.Release();
        }
    }

    /// <summary>The series of each point (created on first sight, as whisper creates a file), in batch order.
    /// Ingestion hands over the series itself with most points (<see cref="PointBatch.Series"/>): taken when its
    /// name is the point's very name instance, so no lookup runs per point. Any other point is found by its name's
    /// text (a run of points of one name instance costs one lookup), and the <see cref="SeriesSlot"/> it may carry
    /// gets the series, so its connection hands the series over from then on.
    /// <para>This replaced a map from name instance to series on the writer: for a fleet's new series its miss
    /// and insert were a sixth of the writer's first second, and it held 32 bytes per series.</para></summary>
    private ReadOnlySpan<SeriesState> Resolve(ReadOnlySpan<string> names, ReadOnlySpan<object?> handles)
    {
        if (_resolved.Length < names.Length) _resolved = new SeriesState[Math.Max(names.Length, 2 * _resolved.Length)];
        SeriesState? series = null;
        for (int i = 0; i < names.Length; i++)
        {
            string name = names[i];
            object? handle = handles[i];
            if (handle is SeriesState held && ReferenceEquals(held.Name, name)) series = held;
            else
            {
                if (series is null || !ReferenceEquals(series.Name, name)) series = GetOrCreate(name);
                if (handle is SeriesSlot slot) slot.Series = series;
            }
            _resolved[i] = series;
        }
        return _resolved.AsSpan(0, names.Length);
    }

    private void Apply(ReadOnlySpan<SeriesState> seriesOf, ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, long now)
    {
        for (int i = 0; i < seriesOf.Length; i++)
        {
            var series = seriesOf[i];
            long t = timestamps[i];
            double v = values[i];
            // whisper stores u32 timestamps; NaN is never stored (carbon drops it before the cache).
            if (t < 0 || t > uint.MaxValue || double.IsNaN(v)) { _droppedInvalid++; continue; }
            // Per point only the series, its chunk and the chunk's values are read; the rest is the shared schema.
            var schema = series.Schema;
            int archive = RouteByAge(schema, now - t);
            if (archive < 0) { _droppedTooOld++; continue; }
            var steps = schema.Steps;
            long aligned = t - t % steps[archive];
            var chunk = series.WriteCursor;
            if (chunk is null || series.WriteCursorArchive != archive || (ulong)(aligned - chunk.WindowStart) >= (ulong)schema.Windows[archive])
                chunk = series.MoveWriteCursor(archive, ChunkForWrite(series, archive, aligned));
            // Readers copy chunks under the series lock; an append or replace is published without it.
            if (!chunk.TrySetPublished(aligned, v)) lock (series) chunk.Set(aligned, v);
            if (archive + 1 < steps.Length) QueueRollup(series, archive, aligned - aligned % steps[archive + 1]);
            _pointsWritten++;
        }
        if (_listedPendingRollups >= _options.MaxListedPendingRollups) RollupPending();
    }

    /// <summary>Records that <paramref name="bucket"/> of the archive after <paramref name="archive"/> must be
    /// recomputed; a run of points in one bucket (the common case: a live feed) records it once.</summary>
    private void QueueRollup(SeriesState series, int archive, long bucket)
    {
        bool listed = series.PendingInList;
        if (!series.AddPendingRollup(archive, bucket)) return;
        _pendingRollups++;
        if (listed) _listedPendingRollups++;
        else if (series.PendingInList)
        {
            _pendingListsStarted++;
            _listedPendingRollups += series.PendingRollupCount;
        }
        if (series.RollupQueued) return;
        series.RollupQueued = true;
        _rollupQueue.Add(series);
    }

    /// <summary>Rolls up every series with pending buckets. Write gate held: called before sealing (a sealed chunk
    /// must hold its final rollups), at the end of a replay, and by the writer on its interval, which passes
    /// <paramref name="deferCurrentBuckets"/>: a series whose only pending bucket is still the current one of the
    /// coarser archive (a live feed's minute) keeps it for later. Its final value is the same whenever it is
    /// computed (the finer slots outlive the bucket; a slot once known stays known), a read of the coarser archive
    /// rolls the series up first, and so does every path that stores chunks. Rolling a live minute up every second
    /// recomputed it from up to 60 slots each time: a third of the writer's time for a fleet of collectl nodes.
    /// The kept series stay in the queue, so each timed pass walks every live series once (a few ms at 500,000).
    /// <para>A passed bucket is rolled up not in the second it passed but up to <see cref="StorageOptions.RollupSpread"/>
    /// later, by series id (alone, when the feed has moved on to its next bucket meanwhile): a fleet's
    /// minutes all pass in one second, and rolling every series' minute up in that second made it the slowest of
    /// the minute (5,000 collectl nodes through the server: 1.08-1.09 s at two minute boundaries of 13 minutes).</para></summary>
    private void RollupPending(bool deferCurrentBuckets = false)
    {
        long now = Now;
        int kept = 0;
        for (int i = 0; i < _rollupQueue.Count; i++)
        {
            var series = _rollupQueue[i];
            if (deferCurrentBuckets && KeepsCurrentBucket(series, now))
            {
                _rollupQueue[kept++] = series;
                continue;
            }
            Rollup(series);
            series.RollupQueued = false;
        }
        _rollupQueue.Truncate(kept);
        _pendingRollups = kept;
    }

    /// <summary>The timed pass's deferral: whether the series keeps its one pending bucket (current, or passed and
    /// its turn not come yet), or its current one beside a passed one, which it rolls up alone once its turn has
    /// come.</summary>
    private bool KeepsCurrentBucket(SeriesState series, long now)
    {
        if (series.TryGetSinglePendingRollup(out int archive, out long bucket))
            return archive + 1 < series.Archives.Length && now < bucket + series.Step(archive + 1) + Turn(series, archive + 1);
        if (!series.TryGetPassedPendingRollup(out archive, out long passed, out long current)
            || archive + 1 >= series.Archives.Length || current + series.Step(archive + 1) <= now)
            return false;
        if (now >= passed + series.Step(archive + 1) + Turn(series, archive + 1))
        {
            RollupBuckets(series, [(archive, passed)]);
            series.ClearPassedPendingRollup();
        }
        return true;
    }

    /// <summary>Seconds after a bucket of <paramref name="coarser"/> has passed that the series' turn to roll it up
    /// comes: its id modulo <see cref="StorageOptions.RollupSpread"/>, and under the bucket's step, so that a
    /// feed into a fine coarser archive (10 s) has its passed bucket rolled up before it passes the next one;
    /// a third bucket would start a list of them.</summary>
    private int Turn(SeriesState series, int coarser)
    {
        int spread = Math.Min(_rollupSpreadSeconds, series.Step(coarser));
        return spread == 0 ? 0 : series.Id % spread;
    }

    /// <summary>Rolls one series up outside <see cref="RollupPending"/> (it stays in the queue, with nothing pending
    /// until its next write). Write gate held.</summary>
    private void RollupNow(SeriesState series)
    {
        _pendingRollups -= series.PendingRollupCount;
        Rollup(series);
    }

    /// <summary>Before a read of a coarser archive: rolls up that series' pending buckets so the read sees
    /// what whisper would (its rollups happen inside the write). Waits for the writer's current batch.</summary>
    private void RollupBeforeRead(SeriesState series)
    {
        if (!series.HasPendingRollups) return;
        _writeGate.Wait();
        try
        {
            if (!_disposed) RollupNow(series);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>whisper update_many: the first archive with retention &gt;= age (future points, negative
    /// age, go to archive 0); -1 when the point is older than every archive.</summary>
    private static int RouteByAge(SeriesSchema schema, long age)
    {
        var retentions = schema.Retentions;
        for (int i = 0; i < retentions.Length; i++)
            if (retentions[i] >= age) return i;
        return -1;
    }

    private SeriesState GetOrCreate(string name)
    {
        var series = _byName.GetOrAdd(name, static (name, store) => new SeriesState(store._byId.Count, name, store._schemas.Resolve(name)) { CatalogDirty = true }, this, out bool added);
        if (added) Registered(series);
        return series;
    }

    /// <summary>
    /// whisper __archive_update_many's propagation, once per series per batch: for each archive written
    /// directly (finest first), the distinct buckets of each coarser archive covering the written slots are
    /// recomputed from the next finer archive; stop descending when no bucket propagated.
    /// </summary>
    private void Rollup(SeriesState series)
    {
        Span<(int, long)> inline = stackalloc (int, long)[2];
        var pending = series.SortedPendingRollups(inline);
        if (pending.IsEmpty) return;
        RollupBuckets(series, pending);
        if (series.PendingInList) _listedPendingRollups -= pending.Length;
        series.ClearPendingRollups();
    }

    /// <summary>The propagation of <see cref="Rollup"/> for these buckets, sorted by archive then timestamp.</summary>
    private void RollupBuckets(SeriesState series, ReadOnlySpan<(int Archive, long Timestamp)> pending)
    {
        var archives = series.Archives;
        if (archives.Length > 1)
        {
            var intervals = _rollupIntervals;
            int start = 0;
            while (start < pending.Length)
            {
                int archive = pending[start].Archive, end = start;
                while (end < pending.Length && pending[end].Archive == archive) end++;
                for (int lower = archive + 1; lower < archives.Length; lower++)
                {
                    long step = series.Step(lower);
                    intervals.Clear();
                    for (int i = start; i < end; i++)
                    {
                        long t = pending[i].Timestamp;
                        long fit = t - t % step;
                        if (intervals.Count == 0 || intervals[^1] != fit) intervals.Add(fit);
                    }
                    bool propagated = false;
                    foreach (var interval in intervals)
                        propagated |= Propagate(series, lower - 1, lower, interval);
                    if (!propagated) break;
                }
                start = end;
            }
        }
    }

    /// <summary>whisper __propagate: aggregate the higher archive's slots covering
    /// [interval, interval + lower.step) into the lower archive's slot when at least one is known and
    /// known/total &gt;= xFilesFactor (compared in double against the stored float, as whisper reads it).</summary>
    private bool Propagate(SeriesState series, int higher, int lower, long interval)
    {
        int slots = series.Step(lower) / series.Step(higher);
        var source = ChunkForRollupRead(series, higher, interval);
        if (source is null) return false;
        int from = (int)((interval - source.WindowStart) / series.Step(higher));
        var (start, end) = source.IndexRange(from, from + slots);
        int known = end - start;
        if (known == 0) return false;
        if ((double)known / slots < series.Schema.XFilesFactor) return false;
        double value = series.Schema.Method.Aggregate(source.Values[start..end], slots);
        var target = ChunkForWrite(series, lower, interval);
        if (!target.TrySetPublished(interval, value)) lock (series) target.Set(interval, value);
        return true;
    }

    /// <summary>The in-memory chunk holding <paramref name="aligned"/>, loading it from the store when
    /// it was sealed (backfill: read, modify, re-encode at the next seal) or starting an empty one.</summary>
    private SeriesChunk ChunkForWrite(SeriesState series, int archive, long aligned)
    {
        ref var state = ref series.Archives[archive];
        long window = series.Window(archive);
        var chunk = state.FindOpenHolding(aligned, window);
        if (chunk is not null) return chunk;
        long index = aligned / window;
        chunk = LoadStored(series, archive, index)
            ?? new SeriesChunk(index * window, series.Step(archive), InitialSlots(series, archive), (int)(window / series.Step(archive)), series.Id);
        lock (series) state.AddOpen(chunk);
        return chunk;
    }

    /// <summary>Slots a new chunk starts with: a feed's first seconds in the finest archive; a single slot in a
    /// coarser one, which a rollup fills one slot per minute or five at most (a million freshly written
    /// series held three slots of 8 bytes each, unused, per coarser archive until the sweeps evicted them).
    /// In the finest archive one of eight sizes, by the series' id, so that a fleet whose series all started in
    /// the same second does not grow all its chunks in the same second either: doubled from one size, 104,000
    /// series (1,000 collectl nodes) allocated 854 MB in one second at the 512th slot of every window, and wrote
    /// that second in 1.3 s. The chunk's growth factor, which varies by series id too, spreads them further
    /// (see <see cref="SeriesChunk"/>'s Grow).</summary>
    private static int InitialSlots(SeriesState series, int archive) => archive == 0 ? FinestInitialSlots[series.Id & 7] : 1;

    private static readonly int[] FinestInitialSlots = [4, 5, 6, 7, 9, 11, 13, 15];

    private SeriesChunk? ChunkForRollupRead(SeriesState series, int archive, long aligned)
    {
        ref var state = ref series.Archives[archive];
        long window = series.Window(archive);
        long index = aligned / window;
        var chunk = state.FindOpen(index * window);
        if (chunk is not null) return chunk;
        chunk = LoadStored(series, archive, index);
        if (chunk is not null) lock (series) state.AddOpen(chunk);
        return chunk;
    }

    private SeriesChunk? LoadStored(SeriesState series, int archive, long index)
    {
        if (!series.Archives[archive].IsStored(index)) return null;
        var bytes = _chunks.WriterRead(ChunkKey.Chunk(series.Id, archive, index));
        var chunk = bytes is null ? null : DecodeChunk(series, archive, index, bytes);
        if (chunk is not null) _chunksRewritten++;
        return chunk;
    }

    private SeriesChunk? DecodeChunk(SeriesState series, int archive, long index, byte[] bytes)
    {
        try { return ChunkCodec.Decode(bytes, index * series.Window(archive), series.Step(archive)); }
        catch (Exception e) when (e is InvalidDataException or OverflowException)
        {
            StorageLog.ChunkDamaged(_logger, ChunkKey.Chunk(series.Id, archive, index), series.Name, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Sizes the chunk store's hash index for every key the sweep and the checkpoint after it may write (a
    /// catalog record per series, a stored or open chunk per window) BEFORE writing them: filling a small index
    /// first chained millions of keys into overflow buckets that FASTER never frees, and a million new series
    /// left a 4 GB index checkpoint that every restart read back.
    /// </summary>
    /// <remarks>An open chunk loaded from the store (or stored by an earlier sweep) has its key already: counting
    /// it again doubled the count for a store whose chunks were all open at its shutdown checkpoint. A series with
    /// pending rollups counts a key for each coarser archive without an open chunk: the sweep rolls it up before
    /// storing, which opens one (a fleet's first checkpoint opens every series' minute and 5-minute chunks).</remarks>
    private void GrowChunkIndex()
    {
        long keys = 1;
        foreach (var series in _byId) keys += ChunkKeysOf(series);
        _chunks.GrowIndexFor(keys);
    }

    /// <summary>The keys a sweep or checkpoint may leave for this series (see <see cref="GrowChunkIndex"/>).</summary>
    private static long ChunkKeysOf(SeriesState series)
    {
        long keys = 1;
        bool rollsUp = series.HasPendingRollups;
        for (int a = 0; a < series.Archives.Length; a++)
        {
            ref var archive = ref series.Archives[a];
            keys += archive.StoredWindows.Length;
            if (rollsUp && a > 0 && archive.Open.IsEmpty) keys++;
            foreach (var chunk in archive.Open)
                if (!archive.IsStored(chunk.WindowStart / series.Window(a))) keys++;
        }
        return keys;
    }

    /// <summary>Deletes chunks whose whole window is older than their archive's retention.</summary>
    private int EnforceRetention(long now)
    {
        int expired = 0;
        foreach (var series in _byId)
        {
            for (int a = 0; a < series.Archives.Length; a++)
            {
                ref var state = ref series.Archives[a];
                long cutoff = now - series.Schema.Retentions[a], window = series.Window(a);
                int n = 0;
                var stored = state.StoredWindows;
                while (n < stored.Length && (stored[n] + 1) * window <= cutoff) n++;
                if (n == 0) continue;
                for (int i = 0; i < n; i++) _chunks.Delete(ChunkKey.Chunk(series.Id, a, stored[i]));
                lock (series)
                {
                    state.RemoveOldestStored(n);
                    foreach (var chunk in state.Open)
                        if (chunk.WindowStart + window <= cutoff) series.RemoveOpen(a, chunk);
                }
                series.CatalogDirty = true;
                expired += n;
            }
        }
        _chunksExpired += expired;
        return expired;
    }
}
