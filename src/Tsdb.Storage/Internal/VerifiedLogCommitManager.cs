using FASTER.core;

namespace Tsdb.Storage.Internal;

/// <summary>
/// A FasterLog's commit files (<c>commits/log-commits/commit.N.0</c>), kept so that recovery always has an intact
/// one: each new commit file is read back before the older ones are removed, and one that did not read back intact
/// is removed instead and reported (<see cref="Failure"/>).
/// <para>Why: FASTER's own manager (removing outdated commits) removes older files whether or not the new one was
/// written. On a full disk it wrote a commit file of 0 bytes and removed the last good one: at the next start the
/// journal recovered nothing, and events and tags acknowledged before the disk filled were gone. Recovery
/// (FasterLog's TryRecoverLatest) takes the newest commit file it can read, so an older intact one is enough.</para>
/// Threading: FasterLog calls it one commit at a time.
/// </summary>
internal sealed class VerifiedLogCommitManager : ILogCommitManager, IDisposable
{
    private readonly ILogCommitManager _files;
    private readonly string _directory;
    private readonly DefaultCheckpointNamingScheme _naming;
    private readonly Action<string>? _failed;
    private string? _failure;

    /// <param name="directory">The commit files' folder (FASTER's own layout in it).</param>
    /// <param name="failed">Also told each failure (the WAL's reports it as a storage failure); may be null.</param>
    public VerifiedLogCommitManager(string directory, Action<string>? failed = null)
        : this(new DeviceLogCommitCheckpointManager(new LocalStorageNamedDeviceFactory(), new DefaultCheckpointNamingScheme(directory), removeOutdated: false),
            directory, failed)
    {
    }

    /// <summary>Over <paramref name="files"/>, a manager that keeps every commit until told to remove it and names its
    /// files as FASTER's default scheme does in <paramref name="directory"/>.</summary>
    internal VerifiedLogCommitManager(ILogCommitManager files, string directory, Action<string>? failed)
    {
        _files = files;
        _directory = directory;
        _naming = new DefaultCheckpointNamingScheme(directory);
        _failed = failed;
    }

    /// <summary>Why the latest commit could not be kept (its file did not read back intact), or null when it was.
    /// The log's data up to that commit may be on disk, but a restart recovers only up to the commit before.</summary>
    public string? Failure => Volatile.Read(ref _failure);

    public void Commit(long beginAddress, long untilAddress, byte[] commitMetadata, long commitNum, bool forceWriteMetadata)
    {
        string? failure = null;
        try
        {
            _files.Commit(beginAddress, untilAddress, commitMetadata, commitNum, forceWriteMetadata);
            if (MetadataFile.Read(_directory, _naming.FasterLogCommitMetadata(commitNum)) is not { } written || !written.AsSpan().SequenceEqual(commitMetadata))
                failure = $"commit {commitNum} of {_directory} did not read back as written{FolderGone.Hint(_directory)}";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = $"commit {commitNum} of {_directory} could not be written: {e.Message}{FolderGone.Hint(_directory)}";
        }
        // Best effort: a file left behind costs a directory entry, recovery skips one it cannot read, and nothing
        // may throw into FasterLog's commit.
        try
        {
            if (failure is null) RemoveAll(n => n < commitNum);
            else _files.RemoveCommit(commitNum);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Nothing to do: see above.
        }
        Volatile.Write(ref _failure, failure);
        if (failure is not null) _failed?.Invoke(failure);
    }

    public byte[] GetCommitMetadata(long commitNum) => _files.GetCommitMetadata(commitNum);

    public IEnumerable<long> ListCommits() => _files.ListCommits();

    public void RemoveCommit(long commitNum) => _files.RemoveCommit(commitNum);

    public void RemoveAllCommits() => _files.RemoveAllCommits();

    /// <summary>After recovery from <paramref name="commitNum"/>: the files of other commits go (newer ones did not
    /// read back; older ones are superseded).</summary>
    public void OnRecovery(long commitNum)
    {
        try
        {
            RemoveAll(n => n != commitNum);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // As after a commit: best effort.
        }
    }

    private void RemoveAll(Func<long, bool> which)
    {
        foreach (long commit in _files.ListCommits().Where(which).ToList()) _files.RemoveCommit(commit);
    }

    public void Dispose() => _files.Dispose();
}
