using FASTER.core;
using Microsoft.Extensions.Logging;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tags;

/// <summary>
/// A small append-only FasterLog (per-entry checksums) for rare, must-not-lose changes: tag database edits
/// and events. Every append is committed before it returns, so a change acknowledged over HTTP survives a
/// kill -9. Recovery reads every committed entry in order; an entry failing its checksum ends the replay.
/// A journal FASTER cannot recover is moved aside (directory.broken-&lt;utc&gt;) and logged, and an empty
/// one starts, as the WAL does. Threading: appends are serialised by a lock; <see cref="ReadAll"/> runs once at open.
/// <para>An append that cannot be made durable (a full or failing disk) throws <see cref="JournalWriteException"/>
/// and changes nothing the next start recovers: its commit file is verified before older ones go (see
/// <see cref="VerifiedLogCommitManager"/>). FasterLog stays failed after a failed flush, so the next append first
/// reopens the journal (recovering what was committed), and appends resume by themselves once the disk has room.</para>
/// </summary>
internal sealed class RecordJournal : IDisposable
{
    private IDevice _device;
    private FasterLog _log;
    private VerifiedLogCommitManager _commits;
    private bool _failed, _closed;
    private readonly Lock _gate = new();
    private readonly string _directory;
    private readonly ILogger _logger;

    private RecordJournal((IDevice Device, FasterLog Log, VerifiedLogCommitManager Commits) parts, string directory, ILogger logger)
    {
        (_device, _log, _commits) = parts;
        _directory = directory;
        _logger = logger;
    }

    /// <summary>Opens (creating if needed) the journal in <paramref name="directory"/>.</summary>
    public static RecordJournal Open(string directory, ILogger logger)
    {
        try
        {
            return new RecordJournal(Create(directory), directory, logger);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            string movedTo = directory + ".broken-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss");
            Directory.Move(directory, movedTo);
            JournalLog.Unrecoverable(logger, e, directory, movedTo);
            return new RecordJournal(Create(directory), directory, logger);
        }
    }

    private static (IDevice, FasterLog, VerifiedLogCommitManager) Create(string directory)
    {
        Directory.CreateDirectory(directory);
        var device = Devices.CreateLogDevice(Path.Combine(directory, "journal.log"), preallocateFile: false);
        var commits = new VerifiedLogCommitManager(Path.Combine(directory, "commits"));
        try
        {
            var log = new FasterLog(new FasterLogSettings
            {
                LogDevice = device,
                PageSizeBits = 16,
                MemorySizeBits = 17,
                SegmentSizeBits = 22,
                LogCommitManager = commits,
                LogChecksum = LogChecksumType.PerEntry,
                TryRecoverLatest = true,
            });
            return (device, log, commits);
        }
        catch
        {
            commits.Dispose();
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
    /// <exception cref="JournalWriteException">The entry could not be made durable; a restart will not replay it.</exception>
    public void Append(byte[] entry)
    {
        lock (_gate)
        {
            if (_failed) Reopen();
            try
            {
                _log.Enqueue(entry);
                _log.Commit(spinWait: true);
            }
            catch (CommitFailureException e)
            {
                Fail(e.Message);
            }
            if (_commits.Failure is { } failure) Fail(failure);
        }
    }

    private void Fail(string reason)
    {
        _failed = true;
        JournalLog.AppendFailed(_logger, _directory, reason);
        throw new JournalWriteException($"the journal {_directory} could not be written: {reason}");
    }

    /// <summary>A fresh FasterLog over the same files, recovered from the last commit that was kept.</summary>
    private void Reopen()
    {
        Close();
        try
        {
            (_device, _log, _commits) = Create(_directory);
            _closed = false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new JournalWriteException($"the journal {_directory} could not be reopened: {e.Message}", e);
        }
        _failed = false;
        JournalLog.Reopened(_logger, _directory);
    }

    /// <summary>Disposes the log, its commit files' manager and its device, once (a reopen that failed left them
    /// disposed).</summary>
    private void Close()
    {
        if (_closed) return;
        _closed = true;
        _log.Dispose();
        _commits.Dispose();
        _device.Dispose();
    }

    public void Dispose()
    {
        lock (_gate) Close();
    }
}
