using System.Collections.Concurrent;
using FASTER.core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Session = FASTER.core.ClientSession<long, byte[], byte[], byte[], FASTER.core.Empty, FASTER.core.SimpleFunctions<long, byte[]>>;

namespace Tsdb.Storage.Internal;

/// <summary>
/// The FasterKV&lt;long, byte[]&gt; holding encoded chunks, catalog records and the meta record
/// (see <see cref="ChunkKey"/>), in {DataDirectory}/chunks with checkpoints under checkpoints/.
/// Threading: <see cref="WriterRead"/>/<see cref="Upsert"/>/<see cref="Delete"/>/<see cref="CompactIfLarge"/>
/// use the writer's session and, like <see cref="GrowIndexFor"/>, run only under the store's write gate;
/// <see cref="Read"/> may be called from any thread and borrows a pooled session (FASTER sessions are
/// single-threaded).
/// </summary>
internal sealed partial class ChunkStore : IDisposable
{
    private readonly IDevice _log;
    private readonly IDevice _objectLog;
    private readonly FasterKV<long, byte[]> _kv;
    private readonly Session _writer;
    private readonly ConcurrentBag<Session> _readers = [];
    // Readers hold it shared, index growth exclusively (see GrowIndexFor).
    private readonly ReaderWriterLockSlim _growth = new(LockRecursionPolicy.NoRecursion);
    private readonly SimpleFunctions<long, byte[]> _functions = new();
    private readonly string _directory;
    private readonly StorageFault _fault;

    private ChunkStore(string directory, ChunkKeyHashing hashing, IDevice log, IDevice objectLog, FasterKV<long, byte[]> kv, StorageFault fault)
    {
        _directory = directory;
        _fault = fault;
        KeyHashing = hashing;
        _log = log;
        _objectLog = objectLog;
        _kv = kv;
        _writer = NewSession();
    }

    /// <summary>The hash this store's index uses, fixed when the store was created (see <see cref="ChunkKeyHashing"/>).</summary>
    public ChunkKeyHashing KeyHashing { get; }

    /// <summary>The hashing of stores created now: <see cref="ChunkKeyHashing.Mixed"/> unless the (test-only)
    /// option asks for the legacy one.</summary>
    public static ChunkKeyHashing NewStoreHashing(StorageOptions options) =>
        options.LegacyChunkKeyHashing ? ChunkKeyHashing.Legacy : ChunkKeyHashing.Mixed;

    public long LogBytes => _kv.Log.TailAddress - _kv.Log.BeginAddress;

    /// <summary>Bytes of a record in the main log: its RecordInfo, the long key and the value's address in the
    /// object log (values themselves are in the object log).</summary>
    private const int RecordBytes = 24;

    /// <summary>Records from the begin address to the tail: every version of every key still in the log,
    /// deletes included (a page's unused end counts as less than one record).</summary>
    public long RecordCount => LogBytes / RecordBytes;

    /// <summary>Opens the store and recovers its latest checkpoint with the key hashing its folder records. A
    /// folder without a checkpoint gets a new store (the current hashing); a checkpoint that cannot be recovered is
    /// moved aside with the log it belongs to, and a new store starts empty.
    /// <paramref name="fault"/> gets the first failed read or write of its files (see <see cref="FaultReportingDevice"/>).</summary>
    /// <exception cref="InvalidDataException">The folder's key-hashing marker is unknown (see
    /// <see cref="ChunkKeyHashingMarker.Read"/>).</exception>
    public static ChunkStore Open(string directory, StorageOptions options, ILogger logger, out bool recovered, StorageFault? fault = null)
    {
        fault ??= new StorageFault(logger);
        ChunkStoreRewrite.Install(directory);
        recovered = false;
        string checkpoints = Path.Combine(directory, "checkpoints");
        if (!Directory.Exists(checkpoints) || !Directory.EnumerateFileSystemEntries(checkpoints).Any())
            return CreateNew(directory, options, fault);
        var hashing = ChunkKeyHashingMarker.Read(directory);
        var store = Create(directory, options, hashing, fault);
        try
        {
            try { store._kv.Recover(); }
            catch (FasterException e) when (RecoveredIndexBytes(e) is long indexBytes)
            {
                // The index grew after the store was created: recover with the checkpoint's size.
                store.Dispose();
                store = Create(directory, options, hashing, fault, indexBytes);
                store._kv.Recover();
            }
            recovered = true;
            StorageLog.ChunkStoreOpened(logger, hashing, store._kv.IndexSize, store.OverflowBuckets);
            return store;
        }
        catch (Exception e)
        {
            store.Dispose();
            string movedTo = directory + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            Directory.Move(directory, movedTo);
            StorageLog.CheckpointUnrecoverable(logger, e, movedTo);
            return CreateNew(directory, options, fault);
        }
    }

    /// <summary>The index size (bytes) of a checkpoint that FASTER refused to recover into an index of
    /// another size ("Incompatible hash table size during recovery; allocated A buckets, recovering B buckets").</summary>
    private static long? RecoveredIndexBytes(FasterException e)
    {
        var match = System.Text.RegularExpressions.Regex.Match(e.Message, @"^Incompatible hash table size .* recovering (\d+) buckets");
        return match.Success && long.TryParse(match.Groups[1].Value, out long buckets) ? buckets * BucketBytes : null;
    }

    /// <summary>A new, empty store in <paramref name="directory"/> with the current key hashing, marked in the
    /// folder before anything can checkpoint it.</summary>
    private static ChunkStore CreateNew(string directory, StorageOptions options, StorageFault fault, long? indexBytes = null)
    {
        var hashing = NewStoreHashing(options);
        Directory.CreateDirectory(directory);
        ChunkKeyHashingMarker.Write(directory, hashing);
        return Create(directory, options, hashing, fault, indexBytes);
    }

    private static ChunkStore Create(string directory, StorageOptions options, ChunkKeyHashing hashing, StorageFault fault, long? indexBytes = null)
    {
        Directory.CreateDirectory(directory);
        var log = new FaultReportingDevice(Devices.CreateLogDevice(Path.Combine(directory, "chunks.log"), preallocateFile: false), fault);
        var objectLog = new FaultReportingDevice(Devices.CreateLogDevice(Path.Combine(directory, "chunks.obj.log"), preallocateFile: false), fault);
        var kv = new FasterKV<long, byte[]>(new FasterKVSettings<long, byte[]>
        {
            IndexSize = indexBytes ?? options.ChunkIndexSizeBytes,
            EqualityComparer = ChunkKeyComparer.For(hashing),
            LogDevice = log,
            ObjectLogDevice = objectLog,
            PageSize = 1L << options.ChunkPageSizeBits,
            MemorySize = 1L << options.ChunkMemorySizeBits,
            SegmentSize = 1L << options.ChunkSegmentSizeBits,
            CheckpointDir = Path.Combine(directory, "checkpoints"),
            RemoveOutdatedCheckpoints = false,
            TryRecoverLatest = false,
            ValueSerializer = () => new ChunkValueSerializer(),
            ReadCacheEnabled = options.ChunkReadCacheSizeBits > 0,
            ReadCacheMemorySize = options.ChunkReadCacheSizeBits > 0 ? 1L << options.ChunkReadCacheSizeBits : 0,
            ReadCachePageSize = 1L << options.ChunkPageSizeBits,
        });
        return new ChunkStore(directory, hashing, log, objectLog, kv, fault);
    }

    private const long BucketBytes = 64;

    /// <summary>Size of the hash index in bytes (64-byte buckets of 7 entries); what a checkpoint writes of it.</summary>
    public long IndexBytes => _kv.IndexSize * BucketBytes;

    /// <summary>Overflow buckets the index has allocated: where a bucket's 7 entries did not suffice. Each is one more
    /// cache line for a lookup to walk, and a checkpoint writes them along with the table.</summary>
    public long OverflowBuckets => _kv.OverflowBucketCount;

    /// <summary>FASTER's histogram of distinct index entries per bucket chain (diagnostics and tests; scans the
    /// whole index).</summary>
    public string IndexDistribution() => _kv.DumpDistribution();

    /// <summary>Doubles the hash index until it has a bucket per <see cref="KeysPerBucket"/> of
    /// <paramref name="keys"/>, so the index starts small (its checkpoint is written whole) and grows with
    /// the store. Writer gate held; the next checkpoint persists the new size.</summary>
    /// <remarks>FASTER 2.6.5 splits an index entry that points into the read cache by a key read at the wrong
    /// address, so such keys landed in the wrong half and were lost (5,000 keys read from disk, then grown: 2,657
    /// unreadable, also after the next checkpoint). So the read cache is emptied first (which points those entries
    /// back at the log), and readers, whose reads from disk fill it, wait until the growth is done.</remarks>
    public void GrowIndexFor(long keys)
    {
        while (GrowIndexStep(keys)) { }
    }

    /// <summary>One doubling of <see cref="GrowIndexFor"/>: whether the index grew (false once it has the buckets
    /// <paramref name="keys"/> call for, or if FASTER could not grow it). At a million series the doublings from a
    /// new store's size took 170 ms; the timed sweep takes them one per slice.</summary>
    public bool GrowIndexStep(long keys)
    {
        if (keys <= KeysPerBucket * _kv.IndexSize) return false;
        _growth.EnterWriteLock();
        try
        {
            _kv.ReadCache?.FlushAndEvict(wait: true);
            return _kv.GrowIndex();
        }
        finally
        {
            _growth.ExitWriteLock();
        }
    }

    /// <summary>Average keys per bucket before the index grows (a bucket holds 7 entries, then chains to an
    /// overflow bucket): 8 instead of 6 halved the e2e run's index checkpoint (60,000 keys: 16,384 -> 8,192
    /// buckets, 1.40 -> 0.87 MB). With the mixed key hash that is 4-8 entries per bucket; the panel benchmark's
    /// 99,001 keys in 16,384 buckets have at most 18 in a bucket chain (three cache lines).</summary>
    public const int KeysPerBucket = 8;

    private Session NewSession() => _kv.For(_functions).NewSession<SimpleFunctions<long, byte[]>>();

    public byte[]? WriterRead(long key) => ReadWith(_writer, key);

    /// <summary>The values of <paramref name="keys"/> (distinct; null where absent), from any thread: one pooled session for
    /// all of them, and reads that go to disk are issued together and completed at the end.</summary>
    public byte[]?[] Read(long[] keys)
    {
        var values = new byte[]?[keys.Length];
        if (!_readers.TryTake(out var session)) session = NewSession();
        _growth.EnterReadLock();
        try
        {
            bool pending = false;
            for (int i = 0; i < keys.Length; i++)
            {
                byte[] output = null!;
                var status = session.Read(ref keys[i], ref output);
                if (status.IsPending) pending = true;
                else if (status.Found) values[i] = output;
            }
            if (pending)
            {
                session.CompletePendingWithOutputs(out var outputs, wait: true);
                using (outputs)
                    while (outputs.Next())
                        if (outputs.Current.Status.Found)
                            values[Array.IndexOf(keys, outputs.Current.Key)] = outputs.Current.Output;
            }
            return values;
        }
        finally
        {
            _growth.ExitReadLock();
            _readers.Add(session);
        }
    }

    private static byte[]? ReadWith(Session session, long key)
    {
        byte[] output = null!;
        var status = session.Read(ref key, ref output);
        if (status.IsPending)
        {
            session.CompletePendingWithOutputs(out var outputs, wait: true);
            using (outputs)
            {
                if (!outputs.Next()) return null;
                status = outputs.Current.Status;
                output = outputs.Current.Output;
            }
        }
        return status.Found ? output : null;
    }

    public void Upsert(long key, byte[] value) => _writer.Upsert(key, value);

    public void Delete(long key) => _writer.Delete(key);

    /// <summary>Moves live records of the older half of the on-disk log to the tail when the log exceeds
    /// <paramref name="thresholdBytes"/>; space is released on disk by the next checkpoint.</summary>
    public long? CompactIfLarge(long thresholdBytes)
    {
        long begin = _kv.Log.BeginAddress, readOnly = _kv.Log.SafeReadOnlyAddress;
        if (_kv.Log.TailAddress - begin <= thresholdBytes || readOnly <= begin) return null;
        long until = begin + (readOnly - begin) / 2;
        return _writer.Compact(until, CompactionType.Lookup);
    }

    /// <summary>Writes a new store in <paramref name="target"/> (which must not exist), with the current key hashing
    /// whatever this store's (so a rewrite migrates a legacy store), holding the latest value of
    /// each of <paramref name="keys"/> (absent keys are skipped), with an index sized for
    /// <paramref name="keyCount"/> of them, checkpoints and closes it. Writer gate held; costs a read of every
    /// live value: about 30 µs a key on disk (300,000 series, 1.2 M live keys of 4.8 M records: 33 s; 36 µs
    /// read one at a time, 17 µs a record for a sequential scan of the log). Reads that go to disk are issued
    /// <see cref="CopyReadBatch"/> at a time and completed together.</summary>
    public async Task CopyToAsync(string target, IEnumerable<long> keys, long keyCount, StorageOptions options)
    {
        long buckets = options.ChunkIndexSizeBytes / BucketBytes;
        while (keyCount > KeysPerBucket * buckets) buckets *= 2;
        // The copy's failures are its own: a full disk during a rewrite fails the rewrite, not this store.
        var copyFault = new StorageFault(NullLogger.Instance);
        var copy = CreateNew(target, options, copyFault, buckets * BucketBytes);
        try
        {
            int pending = 0;
            foreach (long k in keys)
            {
                // Stop at the copy's first failed write: FASTER's upserts wait for good once its memory is full of
                // pages whose flush failed.
                copyFault.ThrowIfFailed();
                long key = k;
                byte[] value = null!;
                var status = _writer.Read(ref key, ref value);
                if (status.IsPending)
                {
                    if (++pending < CopyReadBatch) continue;
                    CompletePendingInto(copy);
                    pending = 0;
                }
                else if (status.Found)
                {
                    copy.Upsert(key, value);
                }
            }
            CompletePendingInto(copy);
            await copy.CheckpointAsync().ConfigureAwait(false);
        }
        finally
        {
            copy.Dispose();
        }
    }

    /// <summary>Reads in flight at once while copying the store.</summary>
    private const int CopyReadBatch = 4096;

    private void CompletePendingInto(ChunkStore copy)
    {
        _writer.CompletePendingWithOutputs(out var outputs, wait: true);
        using (outputs)
            while (outputs.Next())
                if (outputs.Current.Status.Found) copy.Upsert(outputs.Current.Key, outputs.Current.Output);
    }

    /// <summary>Takes a fold-over checkpoint of index and log, waits until it is durable, reads its metadata back,
    /// then deletes every other checkpoint: <see cref="Open"/> only ever recovers the latest, and FASTER's
    /// RemoveOutdatedCheckpoints left two (a second copy of the whole index: 2.7 MB of checkpoints instead of 1.3 in
    /// the e2e run with 1 s checkpoints).</summary>
    /// <exception cref="StorageFailedException">A write of the checkpoint failed (the store has failed; the previous
    /// checkpoint is kept): FASTER never completes a checkpoint whose page flush failed, so a SIGTERM on a full disk
    /// waited for it until the close timeout.</exception>
    public async Task CheckpointAsync()
    {
        // The task also waits for the checkpoint to be durable.
        var taking = _kv.TakeFullCheckpointAsync(CheckpointType.FoldOver).AsTask();
        if (await Task.WhenAny(taking, _fault.Failed).ConfigureAwait(false) != taking) _fault.ThrowIfFailed();
        var (success, token) = await taking.ConfigureAwait(false);
        if (!success) throw new InvalidOperationException("FASTER refused to start a checkpoint (one is already running)");
        await _kv.CompleteCheckpointAsync().ConfigureAwait(false);
        if (UnreadableCheckpoint(token) is { } problem)
        {
            _fault.Report(problem);
            _fault.ThrowIfFailed();
        }
        DeleteCheckpointsBut(token);
    }

    /// <summary>Null when both metadata files of the checkpoint read back, else what is wrong. A metadata file is
    /// written last and by FASTER's checkpoint manager, outside the devices that report failures: one written
    /// empty on a full disk, with the older checkpoints deleted and the WAL truncated after it, would have left
    /// nothing to recover.</summary>
    private string? UnreadableCheckpoint(Guid token)
    {
        string folder = Path.Combine(_directory, "checkpoints");
        var naming = new DefaultCheckpointNamingScheme(folder);
        if (MetadataFile.Read(folder, naming.IndexCheckpointMetadata(token)) is not { Length: > 0 }) return $"checkpoint {token}: its index metadata did not read back";
        if (MetadataFile.Read(folder, naming.LogCheckpointMetadata(token)) is not { Length: > 0 }) return $"checkpoint {token}: its log metadata did not read back";
        return null;
    }

    /// <summary>The folders of FASTER's default checkpoint naming scheme, one per checkpoint token in each.</summary>
    private static readonly string[] CheckpointFolders = ["index-checkpoints", "cpr-checkpoints"];

    private void DeleteCheckpointsBut(Guid token)
    {
        string keep = token.ToString();
        foreach (string folder in CheckpointFolders)
        {
            string path = Path.Combine(_directory, "checkpoints", folder);
            if (!Directory.Exists(path)) continue;
            foreach (string checkpoint in Directory.GetDirectories(path))
            {
                if (Path.GetFileName(checkpoint) == keep) continue;
                try { Directory.Delete(checkpoint, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
    }

    public void Dispose()
    {
        _writer.Dispose();
        while (_readers.TryTake(out var s)) s.Dispose();
        _kv.Dispose();
        _growth.Dispose();
        // After a failed write FASTER's managed device waits in Dispose for good for the file stream that write never
        // gave back; the files of a failed store stay open until the process exits.
        if (_fault.Reason is not null) return;
        _log.Dispose();
        _objectLog.Dispose();
    }
}
