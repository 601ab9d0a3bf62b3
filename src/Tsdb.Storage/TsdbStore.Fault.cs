namespace Tsdb.Storage;

/// <summary>
/// A store whose files have failed (see <see cref="StorageFault"/>): a read or write of the WAL or the chunk store
/// that failed, or the data folder gone. Every path that writes to FASTER checks first, because a write after a
/// failed page flush can wait for good.
/// </summary>
public sealed partial class TsdbStore
{
    private readonly StorageFault _fault;

    /// <summary>Environment.TickCount64 before which the data folder is not looked for again.</summary>
    private long _nextFolderCheck;

    private const long FolderCheckMilliseconds = 1000;

    /// <summary>What made the store fail, or null while it is fine (looks for the data folder at most once a second,
    /// so an idle store's health check notices it gone). Once set the store writes nothing more. Any thread.</summary>
    public string? Failure
    {
        get
        {
            CheckDataFolder(now: false);
            return _fault.Reason;
        }
    }

    /// <summary>Throws <see cref="StorageFailedException"/> when the store has failed, looking for the data folder
    /// first (at most once a second unless <paramref name="now"/>).</summary>
    private void ThrowIfFailed(bool now = false)
    {
        CheckDataFolder(now);
        _fault.ThrowIfFailed();
    }

    /// <summary>Reports the store failed when its data folder (or the WAL's or the chunk store's folder in it) is gone.
    /// Removed while the server runs, its files are unlinked and what is still written to them is lost with them; the
    /// first page or checkpoint that needs a new file fails (see <see cref="Internal.FaultReportingDevice"/>). Two
    /// threads may both look at once; that is harmless.</summary>
    private void CheckDataFolder(bool now)
    {
        long ticks = Environment.TickCount64;
        if (_fault.Reason is not null || (!now && ticks < Volatile.Read(ref _nextFolderCheck))) return;
        Volatile.Write(ref _nextFolderCheck, ticks + FolderCheckMilliseconds);
        if (MissingDataFolder() is { } missing) _fault.Report(missing);
    }

    /// <summary>"the data folder F is gone" for the first of the store's folders that does not exist, else null (the
    /// store's <see cref="StorageFault.Cause"/>: the WAL can recreate its own folder on its next commit, the chunk
    /// store's stays gone).</summary>
    private string? MissingDataFolder()
    {
        foreach (string folder in (string[])[_options.DataDirectory, Path.Combine(_options.DataDirectory, "wal"), ChunkDirectory])
            if (!Directory.Exists(folder))
                return $"the data folder {folder} is gone";
        return null;
    }
}
