using System.Diagnostics;
using Tsdb.Storage.Chunks;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage;

/// <summary>
/// Sealing and eviction of open chunks. The timed sweep (every <see cref="StorageOptions.SealInterval"/>) visits
/// the series in slices of at most <see cref="StorageOptions.SweepSliceTime"/>, each under the write gate, with
/// at least as long between slices for the writer: at a million series a sweep that has every window to seal
/// (after a downtime, at an hour boundary, when a load stops) is 10-20 s of encoding and upserts, which as one
/// piece held every point back that long. A checkpoint's pass (TsdbStore.Checkpoint.cs) sweeps every series too, in
/// its own slices; no timed slice runs meanwhile, and the pass completes a timed sweep in progress.
/// </summary>
public sealed partial class TsdbStore
{
    /// <summary>The next series (index in <see cref="_byId"/>) of the timed sweep in progress; -1 when none is.</summary>
    private int _sweepNext = -1;

    /// <summary>Stopwatch ticks before which the writer does not take the next slice (the duty cycle).</summary>
    private long _sweepResumeTicks;

    /// <summary>
    /// One slice of the timed sweep when one is due or in progress: series from <see cref="_sweepNext"/> on until
    /// the slice time is spent (checked every 64 series) or the last series is done. With
    /// <paramref name="keepDutyCycle"/> (the writer) a slice is skipped until as much time as the previous slice
    /// took has passed. Writer gate held. Returns whether the sweep is still in progress.
    /// </summary>
    private bool TimedSweepSlice(long now, bool keepDutyCycle)
    {
        if (_checkpointSweeping) return false; // the checkpoint's pass is a sweep too, and finishes this one
        if (_sweepNext < 0)
        {
            if (now < _nextSealSweep) return false;
            _sweepNext = 0;
            _sweepCounted = 0;
            _sweepKeys = 1;
        }
        else if (keepDutyCycle && Stopwatch.GetTimestamp() < _sweepResumeTicks)
        {
            return true;
        }
        long start = Stopwatch.GetTimestamp();
        long budget = (long)(_options.SweepSliceTime.TotalSeconds * Stopwatch.Frequency);
        if (_sweepCounted >= 0 && !SizeChunkIndexSlice(start, budget)) return ResumeAfterSlice(start);
        int i = _sweepNext;
        while (i < _byId.Count)
        {
            SweepSeries(_byId[i++], now, flushAll: false);
            if ((i & 63) == 0 && Stopwatch.GetTimestamp() - start >= budget) break;
        }
        if (i >= _byId.Count)
        {
            FinishTimedSweep(now);
            return false;
        }
        _sweepNext = i;
        return ResumeAfterSlice(start);
    }

    /// <summary>The duty cycle: the writer's next slice waits as long as this one (begun at <paramref name="start"/>)
    /// took. Returns true: the sweep is still in progress.</summary>
    private bool ResumeAfterSlice(long start)
    {
        long end = Stopwatch.GetTimestamp();
        _sweepResumeTicks = end + (end - start);
        return true;
    }

    /// <summary>Series whose chunk keys the timed sweep in progress has counted; -1 once the index is sized for them
    /// and the sweep stores. The count and the doublings it calls for come first, in slices like the sweep's: at a
    /// million series, counting every series and growing the index at once held the writer 0.37 s at the first
    /// sweep after a fleet arrived (the index is sized before anything is stored: see <see cref="GrowChunkIndex"/>).</summary>
    private int _sweepCounted = -1;
    private long _sweepKeys;

    /// <summary>Counts series' keys, then grows the index a doubling at a time, until the slice time is spent (checked
    /// every 64 series and after each doubling). Writer gate held.</summary>
    /// <returns>Whether the index is sized and the slice has time left to store.</returns>
    private bool SizeChunkIndexSlice(long start, long budget)
    {
        int i = _sweepCounted;
        while (i < _byId.Count)
        {
            _sweepKeys += ChunkKeysOf(_byId[i++]);
            if ((i & 63) == 0 && Stopwatch.GetTimestamp() - start >= budget)
            {
                _sweepCounted = i;
                return false;
            }
        }
        _sweepCounted = i;
        while (_chunks.GrowIndexStep(_sweepKeys))
            if (Stopwatch.GetTimestamp() - start >= budget) return false;
        _sweepCounted = -1;
        return Stopwatch.GetTimestamp() - start < budget;
    }

    /// <summary>Marks the timed sweep done (by its last slice or by a checkpoint's full pass); the next is due
    /// <see cref="StorageOptions.SealInterval"/> after <paramref name="now"/>.</summary>
    private void FinishTimedSweep(long now)
    {
        _sweepNext = -1;
        _sweepCounted = -1;
        _nextSealSweep = now + (long)_options.SealInterval.TotalSeconds;
    }

    /// <summary>The sweep timer's <see cref="SweepIfIdleAsync"/>, awaited when the timers stop.</summary>
    private Task _idleSweep = Task.CompletedTask;

    /// <summary>Set when the store stops its timers (closing): an idle sweep in progress takes no more slices.</summary>
    private volatile bool _timersStopped;

    /// <summary>The sweep timer's tick: an idle sweep unless the previous one is still taking its slices.</summary>
    private void StartIdleSweep()
    {
        if (_idleSweep.IsCompleted) _idleSweep = SweepIfIdleAsync();
    }

    /// <summary>
    /// The timed sweep while no point arrives. The writer sweeps when one is due as it writes, so without this
    /// a store that stopped receiving (a finished load, a night without senders) kept every open chunk of every
    /// series until the next checkpoints. Takes the sweep's slices one after another, each under the gate, and
    /// waits as long as a slice took before the next (so a writer waiting for the gate gets it); stops when no
    /// sweep is due or in progress, when the writer or a checkpoint holds the gate, when points arrived
    /// meanwhile (the writer then goes on with the slices as it writes), or when the store is closing.
    /// </summary>
    internal async Task SweepIfIdleAsync()
    {
        long written = Interlocked.Read(ref _pointsWritten);
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            if (!_writeGate.Wait(0)) return;
            bool more;
            try
            {
                more = !_disposed && TimedSweepSlice(Now, keepDutyCycle: false);
            }
            catch (StorageFailedException)
            {
                return; // logged once, when the store failed
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                StorageLog.SweepFailed(_logger, e);
                return;
            }
            finally
            {
                _writeGate.Release();
            }
            if (!more || _timersStopped || Interlocked.Read(ref _pointsWritten) != written) return;
            await Task.Delay(Stopwatch.GetElapsedTime(start)).ConfigureAwait(false);
        }
    }

    /// <summary>Stores the series' dirty chunks: every one when <paramref name="flushAll"/> (checkpoint), and drops
    /// from memory those whose window ended at least one window before <paramref name="now"/>
    /// (late points after that are the rare read-modify-write path). It also evicts chunks nobody wrote since the
    /// previous sweep or checkpoint (stored first if dirty), so an idle series holds no chunk in memory after two of
    /// them; but while the series is live (some chunk of it was written) it keeps those of windows still current.
    /// Writer gate held.</summary>
    /// <remarks>
    /// <para>A live feed writes its coarser archives' current chunks only when a bucket passes (once a minute, once
    /// in ten): judged chunk by chunk, a sweep between two buckets would store and drop them, and the next bucket
    /// would read them back.</para>
    /// <para>A series with a chunk to store is rolled up first, as a read would be, so that the chunks stored hold
    /// their coarser buckets. Only that series: rolling every live series up at each slice of a sweep (a sweep of
    /// 520,000 series takes many slices) undid the timed rollup's deferral of live minutes for the whole sweep.</para>
    /// </remarks>
    /// <exception cref="StorageFailedException">The store has failed: nothing more is stored.</exception>
    private void SweepSeries(SeriesState series, long now, bool flushAll)
    {
        _fault.ThrowIfFailed();
        bool live = false, stores = false;
        for (int a = 0; a < series.Archives.Length; a++)
            foreach (var chunk in series.Archives[a].Open) live |= chunk.WrittenSinceSweep;
        for (int a = 0; a < series.Archives.Length && !stores; a++)
            foreach (var chunk in series.Archives[a].Open)
                stores |= Drops(chunk, series.Window(a), now, live) || (flushAll && chunk.IsDirty);
        if (stores && series.HasPendingRollups) RollupNow(series);
        for (int a = 0; a < series.Archives.Length; a++)
        {
            ref var state = ref series.Archives[a];
            long window = series.Window(a);
            foreach (var chunk in state.Open)
            {
                bool drop = Drops(chunk, window, now, live);
                chunk.WrittenSinceSweep = false;
                if (!drop && !(flushAll && chunk.IsDirty)) continue;
                long index = chunk.WindowStart / window;
                if (chunk.IsDirty)
                {
                    _chunks.Upsert(ChunkKey.Chunk(series.Id, a, index), ChunkCodec.Encode(chunk));
                    chunk.IsDirty = false;
                    if (!state.IsStored(index)) series.CatalogDirty = true;
                    _chunksSealed++;
                }
                if (drop) _chunkBytesEvicted += chunk.ManagedBytes + chunk.NativeBytes;
                lock (series)
                {
                    state.MarkStored(index);
                    if (drop) series.RemoveOpen(a, chunk);
                }
            }
        }
    }

    /// <summary>Whether the sweep drops the chunk from memory: its window ended at least one window before
    /// <paramref name="now"/> (late points for it are rare), or nobody wrote it since the last sweep and either the
    /// series is not <paramref name="live"/> (then every chunk goes, those a rollup has just written too) or its
    /// window has ended.</summary>
    private static bool Drops(SeriesChunk chunk, long window, long now, bool live) =>
        chunk.WindowStart + 2 * window <= now || !live || (!chunk.WrittenSinceSweep && chunk.WindowStart + window <= now);
}
