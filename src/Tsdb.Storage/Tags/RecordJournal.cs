using FASTER.core;
using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Tags;

/// <summary>
/// A small append-only FasterLog (per-entry checksums) for rare, must-not-lose changes: tag database edits
/// and events. Every append is committed before it returns, so a change acknowledged over HTTP survives a
/// kill -9. Recovery reads every committed entry in order; an entry failing its checksum ends the replay.
/// A journal FASTER cannot recover is moved aside (directory.broken-&lt;utc&gt;) and logged, and an empty
/// one starts, as the WAL does. Threading: appends are serialised by a lock; <see cref="ReadAll"/> runs once at open.
/// </summary>
internal sealed class RecordJournal : IDisposable
{
    private readonly IDevice _device;
    private readonly FasterLog _log;
    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly ILogger _logger;

    private RecordJournal(IDevice device, FasterLog log, string directory, ILogger logger)
    {
        _device = device;
        _log = log;
        _directory = directory;
        _logger = logger;
    }

    /// <summary>Opens (creating if needed) the journal in <paramref name="directory"/>.</summary>
    public static RecordJournal Open(string directory, ILogger logger)
    {
        try
        {
            return Create(directory, logger);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string movedTo = directory + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            Directory.Move(directory, movedTo);
            JournalLog.Unrecoverable(logger, e, directory, movedTo);
            return Create(directory, logger);
        }
    }

    private static RecordJournal Create(string directory, ILogger logger)
    {
        Directory.CreateDirectory(directory);
        var device = Devices.CreateLogDevice(Path.Combine(directory, "journal.log"), preallocateFile: false);
        try
        {
            var log = new FasterLog(new FasterLogSettings
            {
                LogDevice = device,
                PageSizeBits = 16,
                MemorySizeBits = 17,
                SegmentSizeBits = 22,
                LogCommitDir = Path.Combine(directory, "commits"),
                LogChecksum = LogChecksumType.PerEntry,
                TryRecoverLatest = true,
            });
            return new RecordJournal(device, log, directory, logger);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    /// <summary>Every committed entry, oldest first; stops at the first unreadable entry.</summary>
    public List<byte[]> ReadAll()
    {
        var entries = new List<byte[]>();
        if (_log.BeginAddress >= _log.CommittedUntilAddress) return entries;
        using var iterator = _log.Scan(_log.BeginAddress, _log.CommittedUntilAddress);
        try
        {
            while (iterator.GetNext(out byte[] entry, out int length, out _, out _))
                entries.Add(entry.AsSpan(0, length).ToArray());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A torn or corrupt tail: what was read before it stands.
            JournalLog.TailDiscarded(_logger, _directory, entries.Count, e.Message);
        }
        JournalLog.Replayed(_logger, _directory, entries.Count);
        return entries;
    }

    /// <summary>Appends and commits (durable on return).</summary>
    public void Append(byte[] entry)
    {
        lock (_gate)
        {
            _log.Enqueue(entry);
            _log.Commit(spinWait: true);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _log.Dispose();
            _device.Dispose();
        }
    }
}
