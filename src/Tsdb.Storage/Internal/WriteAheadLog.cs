using System.Globalization;
using FASTER.core;
using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Internal;

/// <summary>
/// The write-ahead log: a FasterLog with per-entry checksums in {DataDirectory}/wal. Entries are
/// <see cref="WalRecord"/>s. Recovery reads the latest commit (each commit file is read back before older ones
/// go: see <see cref="VerifiedLogCommitManager"/>); an unreadable log is moved aside so startup continues.
/// Enqueue is called by the writer only; Commit may run on a timer thread.
/// </summary>
internal sealed class WriteAheadLog : IDisposable
{
    private readonly IDevice _device;
    private readonly FasterLog _log;
    private readonly VerifiedLogCommitManager _commits;

    private readonly int _segmentBits;
    private readonly string _directory;

    private const string SegmentPrefix = "wal.log.";

    private WriteAheadLog(IDevice device, FasterLog log, VerifiedLogCommitManager commits, int segmentBits, string directory)
    {
        _device = device;
        _log = log;
        _commits = commits;
        _segmentBits = segmentBits;
        _directory = directory;
    }

    public long TailAddress => _log.TailAddress;
    public long BeginAddress => _log.BeginAddress;
    public long CommittedUntilAddress => _log.CommittedUntilAddress;

    /// <summary>Opens or creates the WAL in <paramref name="directory"/>; one that cannot be recovered is moved aside.
    /// <paramref name="fault"/> gets the first failed read or write of its files (see <see cref="FaultReportingDevice"/>):
    /// FasterLog waits for good for room in a buffer whose flush failed.</summary>
    public static WriteAheadLog Open(string directory, StorageOptions options, ILogger logger, StorageFault? fault = null)
    {
        fault ??= new StorageFault(logger);
        try
        {
            return Create(directory, options, fault);
        }
        catch (Exception e)
        {
            string movedTo = directory + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            Directory.Move(directory, movedTo);
            StorageLog.WalUnrecoverable(logger, e, movedTo);
            return Create(directory, options, fault);
        }
    }

    private static WriteAheadLog Create(string directory, StorageOptions options, StorageFault fault)
    {
        Directory.CreateDirectory(directory);
        // Flushes complete on the device's own thread, not behind the thread pool's socket reads (see the device).
        var device = new FaultReportingDevice(new DedicatedThreadDevice(Path.Combine(directory, SegmentPrefix.TrimEnd('.')), "tsdb-wal-io"), fault);
        // A commit file that did not read back as written fails the store, as a failed page write does.
        var commits = new VerifiedLogCommitManager(Path.Combine(directory, "commits"), fault.Report);
        try
        {
            var log = new FasterLog(new FasterLogSettings
            {
                LogDevice = device,
                PageSizeBits = options.WalPageSizeBits,
                MemorySizeBits = options.WalMemorySizeBits,
                SegmentSizeBits = options.WalSegmentSizeBits,
                LogCommitManager = commits,
                LogChecksum = LogChecksumType.PerEntry,
                TryRecoverLatest = true,
            });
            var wal = new WriteAheadLog(device, log, commits, options.WalSegmentSizeBits, directory);
            // Segments a previous run truncated but did not get to delete (best effort: they are dead either way).
            try { wal.DeleteSegmentsBelow(log.CommittedBeginAddress); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            return wal;
        }
        catch
        {
            commits.Dispose();
            device.Dispose();
            throw;
        }
    }

    /// <returns>The address after the entry (a valid truncation point).</returns>
    public long Append(ReadOnlySpan<byte> entry)
    {
        _log.Enqueue(entry);
        return _log.TailAddress;
    }

    public void CommitInBackground() => _log.Commit(spinWait: false);

    public ValueTask CommitAsync() => _log.CommitAsync();

    /// <summary>Drops entries before <paramref name="address"/>, commits that, then deletes the segment files
    /// wholly below the begin address the commit made durable.</summary>
    /// <remarks>FasterLog deletes those segments itself once the commit is written, from a background task
    /// (Task.Run, then an epoch-deferred loop) that first advances the device's start segment. When that
    /// task gets there first, <c>IDevice.TruncateUntilSegment</c> is a no-op that returns at once while the
    /// files are still being deleted, and a shutdown right after leaves the rest forever (a reopened log
    /// never deletes below its begin address). So the files are deleted here, synchronously, by listing the
    /// folder, which also removes any left behind by an earlier run.</remarks>
    public async ValueTask TruncateAndCommitAsync(long address)
    {
        if (address > _log.BeginAddress) _log.TruncateUntil(address);
        await _log.CommitAsync().ConfigureAwait(false);
        DeleteSegmentsBelow(Math.Min(address, _log.CommittedBeginAddress));
    }

    /// <summary>Deletes the segment files wholly below <paramref name="begin"/>, which must be a begin address
    /// recorded by a durable commit (so recovery never reads them).</summary>
    private void DeleteSegmentsBelow(long begin)
    {
        long segment = begin >> _segmentBits;
        if (segment <= 0) return;
        foreach (string path in Directory.EnumerateFiles(_directory, SegmentPrefix + "*"))
        {
            if (long.TryParse(Path.GetFileName(path).AsSpan(SegmentPrefix.Length), NumberStyles.None,
                    CultureInfo.InvariantCulture, out long n) && n < segment)
                _device.RemoveSegment((int)n);
        }
    }

    /// <summary>Bytes of committed entries a replay from <paramref name="from"/> reads.</summary>
    public long BytesToReplay(long from) => Math.Max(0, _log.CommittedUntilAddress - Math.Max(from, _log.BeginAddress));

    /// <summary>Calls <paramref name="apply"/> for each committed entry from <paramref name="from"/>;
    /// stops at the first entry that fails its checksum or does not decode, logging what is discarded.</summary>
    public long Replay(long from, Action<byte[], int> apply, ILogger logger)
    {
        long start = Math.Max(from, _log.BeginAddress);
        long end = _log.CommittedUntilAddress;
        if (start >= end) return 0;
        long count = 0, address = start;
        using var iterator = _log.Scan(start, end);
        try
        {
            while (iterator.GetNext(out byte[] entry, out int length, out long current, out long next))
            {
                address = current;
                apply(entry, length);
                count++;
                address = next;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            StorageLog.WalTailDiscarded(logger, address, e.Message);
        }
        return count;
    }

    /// <summary>Closes the log. When its last durable commit left it empty (every entry committed and truncated
    /// away, as a clean shutdown does) the tail segment file is deleted too: it holds only dead entries, and a
    /// log recovered from a commit whose begin address is its tail reads nothing of that page back (FasterLog
    /// restores [begin, tail) of the tail page), so the next entries simply start a new file.</summary>
    public void Dispose()
    {
        long tail = _log.TailAddress;
        bool empty = _log.CommittedUntilAddress == tail && _log.CommittedBeginAddress == tail;
        _log.Dispose();
        _commits.Dispose();
        _device.Dispose();
        if (!empty) return;
        try
        {
            foreach (string path in Directory.EnumerateFiles(_directory, SegmentPrefix + "*")) File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }
}
