using System.Diagnostics;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage;

/// <summary>
/// Checkpoints. A checkpoint covers the WAL up to the address it starts at (<c>covered</c>): every point below it is
/// in a chunk the checkpoint stores or in one already stored, every series named below it has its catalog record,
/// and the WAL is truncated there afterwards (what came later is replayed at recovery, as before).
/// <para>The work is a pass over the series that existed at the start, in slices of at most
/// <see cref="StorageOptions.SweepSliceTime"/> under the write gate with twice as long between them for the writer: each
/// visited series is rolled up and its dirty chunks and catalog record stored (<see cref="SweepSeries"/> with
/// flushAll). Done as one piece under the gate, a checkpoint of 10,000 live collectl nodes (1.04 M series, 3.1 M
/// dirty chunks, a million new catalog records) held every point back for 12-14 s; in slices it takes about a minute,
/// with the writer's share of the time set so that its points stay visible within about half a second (with as much
/// time as the pass, they fell 0.3-0.7 s behind throughout on the 2-core host). A chunk the writer dirties again
/// after its series' visit holds only points after <c>covered</c>, which the WAL keeps; a series created after the
/// start is named in the WAL after it, and keeps its dirty catalog record for the next checkpoint.</para>
/// <para>Then, under the gate: retention, the catalog records dirtied since their series' visit (a window stored or
/// expired meanwhile), the meta record (series count and <c>covered</c>), compaction and FASTER's checkpoint.
/// Timed sweeps wait while the pass runs (it sweeps every series itself and completes a timed sweep in
/// progress).</para>
/// </summary>
public sealed partial class TsdbStore
{
    /// <summary>A checkpoint's pass is between its start and its end (writer gate held to change it).</summary>
    private volatile bool _checkpointSweeping;

    /// <summary>Whether a checkpoint's pass is between its first and its last slice (tests).</summary>
    internal bool CheckpointPassInProgress => _checkpointSweeping;

    /// <summary>The writer's time between two slices of the pass, per unit of the slice's time.</summary>
    private const int WriterShare = 2;

    /// <summary>Stores every in-memory chunk that changed, seals chunks whose window has passed, deletes chunks past
    /// their archive's retention, writes the catalog, takes a FASTER checkpoint, then truncates the WAL before the
    /// address the checkpoint covers: everything written before the call.</summary>
    public Task CheckpointAsync() => CheckpointAsync(yieldToWriter: true);

    /// <param name="yieldToWriter">Wait between slices for the writer (false at shutdown: nothing is written).</param>
    private async Task CheckpointAsync(bool yieldToWriter)
    {
        await _checkpointGate.WaitAsync().ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            long began = Stopwatch.GetTimestamp();
            long covered;
            int count, expired, slices = 0;
            await _writeGate.WaitAsync().ConfigureAwait(false);
            try
            {
                ThrowIfFailed(now: true);
                covered = _wal.TailAddress;
                count = _byId.Count;
                GrowChunkIndex();
                _checkpointSweeping = true;
            }
            finally
            {
                _writeGate.Release();
            }
            try
            {
                for (int next = 0; next < count;)
                {
                    long start = Stopwatch.GetTimestamp();
                    await _writeGate.WaitAsync().ConfigureAwait(false);
                    try { next = CheckpointSlice(next, count, Now); }
                    finally { _writeGate.Release(); }
                    slices++;
                    if (yieldToWriter && next < count) await Task.Delay(WriterShare * Stopwatch.GetElapsedTime(start)).ConfigureAwait(false);
                }
                await _writeGate.WaitAsync().ConfigureAwait(false);
                try
                {
                    long now = Now;
                    FinishTimedSweep(now);
                    expired = EnforceRetention(now);
                    for (int id = 0; id < count; id++) StoreCatalogRecord(_byId[id]);
                    _chunks.Upsert(ChunkKey.Meta, CatalogRecord.EncodeMeta(count, covered));
                    var compactedUntil = _chunks.CompactIfLarge(_options.ChunkCompactionThresholdBytes);
                    if (compactedUntil is long until) StorageLog.Compacted(_logger, until);
                    await _chunks.CheckpointAsync().ConfigureAwait(false);
                }
                finally
                {
                    _writeGate.Release();
                }
            }
            finally
            {
                _checkpointSweeping = false;
            }
            await _wal.TruncateAndCommitAsync(covered).ConfigureAwait(false);
            Interlocked.Increment(ref _checkpoints);
            _lastCheckpoint = _time.GetUtcNow();
            StorageLog.CheckpointTaken(_logger, count, covered, expired, Stopwatch.GetElapsedTime(began).TotalSeconds, slices);
        }
        finally
        {
            _checkpointGate.Release();
        }
    }

    /// <summary>One slice of a checkpoint's pass: series from <paramref name="next"/> on (below
    /// <paramref name="count"/>) until the slice time is spent (checked every 64 series). Writer gate held.</summary>
    /// <returns>The next series to visit.</returns>
    /// <exception cref="StorageFailedException">The store has failed: nothing more is stored.</exception>
    private int CheckpointSlice(int next, int count, long now)
    {
        long start = Stopwatch.GetTimestamp();
        long budget = (long)(_options.SweepSliceTime.TotalSeconds * Stopwatch.Frequency);
        int i = next;
        while (i < count)
        {
            var series = _byId[i++];
            if (series.HasPendingRollups) RollupNow(series);
            SweepSeries(series, now, flushAll: true);
            StoreCatalogRecord(series);
            if ((i & 63) == 0 && Stopwatch.GetTimestamp() - start >= budget) break;
        }
        return i;
    }

    private void StoreCatalogRecord(SeriesState series)
    {
        if (!series.CatalogDirty) return;
        _chunks.Upsert(ChunkKey.Catalog(series.Id), CatalogRecord.Encode(series));
        series.CatalogDirty = false;
    }
}
