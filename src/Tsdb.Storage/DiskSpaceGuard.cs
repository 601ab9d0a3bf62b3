using Microsoft.Extensions.Logging;

namespace Tsdb.Storage;

/// <summary>
/// Free space of the filesystem holding the data folder (statvfs, the space an unprivileged writer may use)
/// against a reserve. Below the reserve the disk counts as full: the storage writer stops writing and drops
/// incoming points (counted), so FASTER never meets ENOSPC halfway through a page or checkpoint, and the
/// reserve still holds the checkpoints (the chunk index, 16 MB by default) and the shutdown checkpoint. Free
/// space is read again at most once a second on use, so ingestion resumes by itself when space returns.
/// Thread-safe.
/// </summary>
public sealed partial class DiskSpaceGuard
{
    private const long RecheckMilliseconds = 1000;

    private readonly string _directory;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private long _nextCheck;
    private long _freeBytes;
    private long _episodes;
    private bool _checkFailing;
    private volatile bool _full;
    private DateTimeOffset? _fullSince;

    /// <param name="directory">The data folder (must exist).</param>
    /// <param name="minFreeBytes">The reserve; 0 disables the guard (never full, no statvfs).</param>
    public DiskSpaceGuard(string directory, long minFreeBytes, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minFreeBytes);
        _directory = directory;
        MinFreeBytes = minFreeBytes;
        _logger = logger;
        _freeBytes = -1;
        if (minFreeBytes > 0) Refresh();
    }

    public string Directory => _directory;
    public long MinFreeBytes { get; }

    /// <summary>Free bytes at the last check; -1 when the guard is disabled.</summary>
    public long FreeBytes => Volatile.Read(ref _freeBytes);

    /// <summary>Times the disk became full since start.</summary>
    public long Episodes => Volatile.Read(ref _episodes);

    /// <summary>When the current full episode began; null when not full.</summary>
    public DateTimeOffset? FullSince { get { lock (_lock) return _fullSince; } }

    /// <summary>Whether writes must stop; reads free space again when the last check is over a second old.</summary>
    public bool IsFull
    {
        get
        {
            if (MinFreeBytes > 0 && Environment.TickCount64 >= Volatile.Read(ref _nextCheck)) Refresh();
            return _full;
        }
    }

    private void Refresh()
    {
        lock (_lock)
        {
            long now = Environment.TickCount64;
            if (now < _nextCheck) return;
            _nextCheck = now + RecheckMilliseconds;
            long free;
            try
            {
                free = new DriveInfo(_directory).AvailableFreeSpace;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                // The filesystem cannot be asked: keep the previous verdict rather than guess. Logged once until a
                // check succeeds again (a removed data folder failed every second).
                if (!_checkFailing) CheckFailed(_logger, _directory, e);
                _checkFailing = true;
                return;
            }
            _checkFailing = false;
            Volatile.Write(ref _freeBytes, free);
            bool full = free < MinFreeBytes;
            if (full == _full) return;
            _full = full;
            if (full)
            {
                _fullSince = DateTimeOffset.UtcNow;
                Interlocked.Increment(ref _episodes);
                DiskFull(_logger, _directory, free / (1024 * 1024), MinFreeBytes / (1024 * 1024));
            }
            else
            {
                _fullSince = null;
                DiskSpaceBack(_logger, _directory, free / (1024 * 1024), MinFreeBytes / (1024 * 1024));
            }
        }
    }

    [LoggerMessage(2100, LogLevel.Error, "Disk full: {FreeMb} MB free for {Directory}, below the {MinFreeMb} MB reserve (MinFreeDiskMb). " +
        "Writes stopped: incoming points are dropped and counted (pointsDroppedDiskFull in /health); queries keep working; " +
        "ingestion resumes by itself when space returns")]
    private static partial void DiskFull(ILogger logger, string directory, long freeMb, long minFreeMb);

    [LoggerMessage(2101, LogLevel.Warning, "Disk space back: {FreeMb} MB free for {Directory} (reserve {MinFreeMb} MB). Writes resumed")]
    private static partial void DiskSpaceBack(ILogger logger, string directory, long freeMb, long minFreeMb);

    [LoggerMessage(2102, LogLevel.Warning, "Cannot read the free space of {Directory} (logged again only after a check that succeeds)")]
    private static partial void CheckFailed(ILogger logger, string directory, Exception exception);
}
