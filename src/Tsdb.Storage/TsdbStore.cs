using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Core.Naming;
using Tsdb.Storage.Chunks;
using Tsdb.Storage.Internal;
using Tsdb.Storage.Schemas;

namespace Tsdb.Storage;

/// <summary>
/// The storage engine: whisper semantics (routing by age, last write wins, rollup with xFilesFactor,
/// file_fetch) over a FASTER WAL and a FASTER chunk store. Recent slots live in in-memory chunks; a chunk
/// is encoded and stored once its window has passed (or at a checkpoint). See docs/storage-layout.md.
/// Threading: <see cref="Write"/> from one writer thread; Fetch/Find/AllLeafPaths from any thread.
/// </summary>
public sealed partial class TsdbStore : IPointStore, IMetricReader, IKnownMetricNames, IAsyncDisposable
{
    private readonly StorageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SeriesSchemaResolver _schemas;
    private readonly WriteAheadLog _wal;
    private readonly ChunkStore _chunks;

    private readonly SeriesNameMap _byName = new();
    private readonly ConcurrentDictionary<string, SeriesState> _byTaggedPath = new(StringComparer.Ordinal);
    // Segmented: see SegmentedList for why a List grew into trouble.
    private readonly SegmentedList<SeriesState> _byId = new();
    private readonly MetricNameTree _tree = new();

    // Serialises the writer against sweeps and checkpoints; held by Write for a batch, by a sweep's or a checkpoint's
    // slice, and by a checkpoint's start and end.
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly SemaphoreSlim _checkpointGate = new(1, 1);
    private byte[] _walBytes = new byte[64 * 1024];
    private SeriesState[] _resolved = new SeriesState[1024];
    private readonly SegmentedList<SeriesState> _rollupQueue = new();
    private int _pendingRollups;

    /// <summary>Of <see cref="_pendingRollups"/>, those held in series' lists: what the writer bounds
    /// (<see cref="StorageOptions.MaxListedPendingRollups"/>). A live feed holds its one or two pending buckets in its
    /// series' state at no cost, so they do not count: bounding every pending rollup made each minute boundary of a
    /// million live series (two each) roll all of them up at once on the writer, a stall of half a second or more.</summary>
    private int _listedPendingRollups;
    private long _nextRollup;
    // StorageOptions.RollupSpread in whole seconds: the timed pass asks it for every live series every second.
    private readonly int _rollupSpreadSeconds;
    private readonly List<long> _rollupIntervals = [];
    private ITimer? _commitTimer;
    private ITimer? _checkpointTimer;
    private ITimer? _sweepTimer;
    private long _nextSealSweep;
    private bool _disposed;

    private long _pointsWritten, _droppedTooOld, _droppedInvalid, _chunksSealed, _chunksRewritten,
        _chunksExpired, _walRecordsReplayed, _checkpoints, _chunkBytesEvicted;
    private DateTimeOffset? _lastCheckpoint;

    private TsdbStore(StorageOptions options, TimeProvider time, ILoggerFactory loggers,
        SeriesSchemaResolver schemas, WriteAheadLog wal, ChunkStore chunks, StorageFault fault)
    {
        _options = options;
        _fault = fault;
        _fault.Cause = MissingDataFolder;
        _rollupSpreadSeconds = (int)options.RollupSpread.TotalSeconds;
        _time = time;
        _logger = loggers.CreateLogger<TsdbStore>();
        _schemas = schemas;
        _wal = wal;
        _chunks = chunks;
    }

    /// <summary>The series named <paramref name="name"/> as its handle (ingestion's interner hands it out with the
    /// store's instance of the name; <see cref="Write"/> takes it instead of finding the series).</summary>
    public bool TryGetSeries(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out ISeriesHandle series)
    {
        bool held = _byName.TryGetValue(name, out var state);
        series = state;
        return held;
    }

    /// <summary>Canonical names of tagged series (containing ';'), for the tag index.</summary>
    public IReadOnlyCollection<string> TaggedSeriesNames =>
        _byTaggedPath.Values.Select(s => s.Name).ToArray();

    /// <summary>Called on the writer thread with the canonical name of each tagged series created after
    /// open (not for series recovered at open: those are in <see cref="TaggedSeriesNames"/>).</summary>
    public Action<string>? TaggedSeriesCreated { get; set; }

    /// <summary>Validates options, loads the schema files, recovers the latest checkpoint and replays the
    /// committed WAL after it.</summary>
    /// <exception cref="StorageConfigurationException">Invalid option or configuration file.</exception>
    public static TsdbStore Open(StorageOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        options.Validate();
        var logger = loggers.CreateLogger<TsdbStore>();
        var schemas = SeriesSchemaResolver.Load(options.SchemasFile, options.AggregationFile, logger);
        Directory.CreateDirectory(options.DataDirectory);
        var fault = new StorageFault(logger);
        var wal = WriteAheadLog.Open(Path.Combine(options.DataDirectory, "wal"), options, logger, fault);
        ChunkStore chunks;
        try { chunks = ChunkStore.Open(Path.Combine(options.DataDirectory, "chunks"), options, logger, out _, fault); }
        catch
        {
            wal.Dispose();
            throw;
        }
        var store = new TsdbStore(options, time, loggers, schemas, wal, chunks, fault);
        try
        {
            store.Recover();
        }
        catch
        {
            chunks.Dispose();
            wal.Dispose();
            throw;
        }
        store.ScheduleIndexing();
        store._commitTimer = time.CreateTimer(static s => ((TsdbStore)s!).CommitWal(), store,
            options.WalCommitInterval, options.WalCommitInterval);
        store._checkpointTimer = time.CreateTimer(static s => _ = ((TsdbStore)s!).CheckpointFromTimerAsync(), store,
            options.CheckpointInterval, options.CheckpointInterval);
        store._sweepTimer = time.CreateTimer(static s => ((TsdbStore)s!).StartIdleSweep(), store,
            options.SealInterval, options.SealInterval);
        return store;
    }

    private long Now => _time.GetUtcNow().ToUnixTimeSeconds();

    private void Recover()
    {
        long walFrom = 0;
        int catalogCount = 0;
        var meta = _chunks.WriterRead(ChunkKey.Meta);
        if (meta is not null) (catalogCount, walFrom) = CatalogRecord.DecodeMeta(meta);
        long replayed;
        // Everything recovery allocates stays (the series table), so collections during it only copy and
        // rescan; they are held off until the rollups are done (see RecoveryGcPause).
        using (RecoveryGcPause.Begin(RecoveryGcPause.ExpectedBytes(catalogCount, _wal.BytesToReplay(walFrom)), _logger))
        {
            LoadCatalog(catalogCount);
            var decoded = new DecodedWalEntry();
            replayed = _wal.Replay(walFrom, (entry, length) =>
            {
                WalRecord.Decode(entry.AsSpan(0, length), this, decoded);
                Apply(decoded.Series, decoded.Timestamps, decoded.Values, decoded.ArrivalTime);
            }, _logger);
            RollupPending();
        }
        _walRecordsReplayed = replayed;
        // Replayed chunks are open chunks, readable as they are: the first sweep (sealing windows that have
        // passed, growing the chunk index for them) is the timed one, not something open waits for. After a
        // downtime every replayed window may be due (1 M series: ~15 s of encoding and upserts), which the
        // timed sweep does in slices beside the writer (TsdbStore.Sweep.cs).
        _nextSealSweep = Now + (long)_options.SealInterval.TotalSeconds;
        StorageLog.Opened(_logger, catalogCount, replayed, walFrom);
    }

    /// <summary>Catalog records read per batch of overlapping reads (see <see cref="ChunkStore.WriterReadMany"/>).</summary>
    private const int CatalogReadBatch = 4096;

    /// <summary>Series 0..count-1 from their catalog records, registered in id order.</summary>
    private void LoadCatalog(int count)
    {
        var keys = new long[Math.Min(count, CatalogReadBatch)];
        var records = new byte[]?[keys.Length];
        for (int start = 0; start < count; start += keys.Length)
        {
            int n = Math.Min(keys.Length, count - start);
            for (int i = 0; i < n; i++) keys[i] = ChunkKey.Catalog(start + i);
            _chunks.WriterReadMany(keys.AsSpan(0, n), records);
            for (int i = 0; i < n; i++) LoadCatalogRecord(start + i, records[i]);
        }
    }

    private void LoadCatalogRecord(int id, byte[]? record)
    {
        SeriesState? series = null;
        if (record is not null)
        {
            try { series = CatalogRecord.Decode(id, record, like: _byId.Count > 0 ? _byId[^1].Schema : null); }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException or ArgumentException) { }
        }
        if (series is null)
        {
            // Keep ids dense: a placeholder that never matches a name.
            StorageLog.CatalogRecordLost(_logger, id);
            _byId.Add(new SeriesState(id, "\0lost." + id, _schemas.Resolve("")) { InWal = true });
            return;
        }
        series.InWal = true;
        Register(series);
    }

    private void Register(SeriesState series)
    {
        _byName.Set(series);
        Registered(series);
    }

    /// <summary>The rest of registering a series the name map holds: by id (ids are dense: the series' id is the
    /// count before it), by tagged path, and queued for the name tree.</summary>
    private void Registered(SeriesState series)
    {
        Debug.Assert(series.Id == _byId.Count);
        _byId.Add(series);
        if (TaggedPath.IsTagged(series.Name))
        {
            string path = TaggedPath.For(series.Name);
            _byTaggedPath[path] = series;
            QueueForIndexing(path);
            TaggedSeriesCreated?.Invoke(series.Name);
        }
        else
        {
            QueueForIndexing(series.Name);
        }
    }

    /// <summary>Snapshot of the counters.</summary>
    public StorageStatistics Statistics => new(
        _byName.Count,
        Interlocked.Read(ref _pointsWritten),
        Interlocked.Read(ref _droppedTooOld),
        Interlocked.Read(ref _droppedInvalid),
        Interlocked.Read(ref _chunksSealed),
        Interlocked.Read(ref _chunksRewritten),
        Interlocked.Read(ref _chunksExpired),
        _wal.TailAddress - _wal.BeginAddress,
        _wal.TailAddress - _wal.CommittedUntilAddress,
        _walRecordsReplayed,
        _chunks.LogBytes,
        Interlocked.Read(ref _checkpoints),
        _lastCheckpoint)
    {
        // Read after PointsWritten: a point already counted has its WAL entry below this tail.
        WalTailAddress = _wal.TailAddress,
        WalCommittedAddress = _wal.CommittedUntilAddress,
        ChunkBytesEvicted = Interlocked.Read(ref _chunkBytesEvicted),
    };

    private void CommitWal()
    {
        if (_fault.Reason is not null) return;
        try { _wal.CommitInBackground(); }
        catch (Exception e) when (e is not OutOfMemoryException) { StorageLog.WalCommitFailed(_logger, e); }
    }

    private async Task CheckpointFromTimerAsync()
    {
        try { await CheckpointAsync().ConfigureAwait(false); }
        catch (ObjectDisposedException) { }
        catch (StorageFailedException) { } // logged once, when the store failed
        catch (Exception e) { StorageLog.CheckpointFailed(_logger, e); }
    }

    /// <summary>Clean shutdown: stop timers, checkpoint everything, commit the WAL, rewrite the chunk store
    /// without its superseded records when they are many (see <see cref="RewriteSupersededChunksAsync"/>),
    /// close files.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        await StopTimersAsync().ConfigureAwait(false);
        try { await CheckpointAsync(yieldToWriter: false).ConfigureAwait(false); }
        catch (StorageFailedException) { StorageLog.FinalCheckpointSkipped(_logger, _fault.Reason!); }
        await _checkpointGate.WaitAsync().ConfigureAwait(false);
        bool rewritten = false;
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try { if (_fault.Reason is null) rewritten = await RewriteSupersededChunksAsync().ConfigureAwait(false); }
        finally { _writeGate.Release(); }
        CloseFiles();
        if (rewritten) ChunkStoreRewrite.Install(ChunkDirectory);
    }

    // Called holding _checkpointGate; a checkpoint waiting on the gate then finds the store disposed.
    private void CloseFiles()
    {
        _writeGate.Wait();
        _disposed = true;
        _chunks.Dispose();
        _wal.Dispose();
        DropOpenChunks();
        _writeGate.Release();
        _checkpointGate.Release();
    }

    /// <summary>Frees every chunk held in memory (their values are native memory: see <see cref="SeriesChunk"/>).
    /// A read still running finds none, as if all had been evicted. Write gate held, the store disposed.</summary>
    private void DropOpenChunks()
    {
        foreach (var series in _byId)
        {
            lock (series)
            {
                for (int a = 0; a < series.Archives.Length; a++)
                    foreach (var chunk in series.Archives[a].Open) series.RemoveOpen(a, chunk);
            }
        }
    }

    /// <summary>Whether a timed sweep has slices left (tests).</summary>
    internal bool TimedSweepInProgress => _sweepNext >= 0;

    /// <summary>Chunks held in memory across all series and archives (tests: idle series hold none).</summary>
    internal int OpenChunkCount
    {
        get
        {
            int count = 0;
            foreach (var series in _byId)
                lock (series)
                    foreach (var archive in series.Archives) count += archive.Open.Length;
            return count;
        }
    }

    /// <summary>Buckets recorded for a later rollup across all series (tests; writer state, read between writes).</summary>
    internal int PendingRollupCount => _pendingRollups;

    /// <summary>How many times a series' recorded buckets went into a list (tests: a live feed never needs one).</summary>
    internal long PendingListsStarted => _pendingListsStarted;
    private long _pendingListsStarted;

    /// <summary>The buckets one series has recorded for a later rollup, and whether they take a list (tests).</summary>
    internal (int Count, bool InList) PendingRollupsOf(string name) =>
        _byName.TryGetValue(name, out var series) ? (series.PendingRollupCount, series.PendingInList) : (0, false);

    /// <summary>The schema instance a series was created with (tests: schemas are shared).</summary>
    internal SeriesSchema? SchemaOf(string name) => _byName.TryGetValue(name, out var series) ? series.Schema : null;

    /// <summary>Size of the chunk store's hash index in bytes (grows at checkpoints with the chunk count).</summary>
    internal long ChunkIndexBytes => _chunks.IndexBytes;

    /// <summary>Test hook for crash recovery: commits the WAL (as the commit timer would), then closes
    /// every file without storing chunks or checkpointing, like a process killed after a commit.</summary>
    internal async Task AbandonAfterWalCommitAsync()
    {
        await StopTimersAsync().ConfigureAwait(false);
        await _checkpointGate.WaitAsync().ConfigureAwait(false);
        await _wal.CommitAsync().ConfigureAwait(false);
        CloseFiles();
    }

    private async Task StopTimersAsync()
    {
        if (_commitTimer is not null) await _commitTimer.DisposeAsync().ConfigureAwait(false);
        if (_checkpointTimer is not null) await _checkpointTimer.DisposeAsync().ConfigureAwait(false);
        if (_sweepTimer is not null) await _sweepTimer.DisposeAsync().ConfigureAwait(false);
        _timersStopped = true; // an idle sweep stops at its next slice; a final checkpoint sweeps everything anyway
        await _idleSweep.ConfigureAwait(false);
    }
}
