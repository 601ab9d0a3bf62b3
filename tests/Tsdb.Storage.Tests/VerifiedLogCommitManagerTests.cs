using FASTER.core;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tests;

/// <summary>
/// The commit files of the WAL and the journals (<see cref="VerifiedLogCommitManager"/>): a new one replaces the older
/// ones only once it reads back as written; one that cannot be written is reported and the last good one stays for
/// recovery (a full disk left FASTER's own manager with one empty file and no events after a restart).
/// </summary>
public sealed class VerifiedLogCommitManagerTests : IDisposable
{
    private readonly TempFolder _temp = new("tsdb-commits-");

    private string Folder => _temp.Path;

    public void Dispose() => _temp.Dispose();

    /// <summary>The file FASTER's naming gives commit <paramref name="n"/> (its device adds the segment number).</summary>
    private static string CommitFile(string directory, long n)
    {
        var file = new DefaultCheckpointNamingScheme(directory).FasterLogCommitMetadata(n);
        return Path.Combine(directory, file.directoryName, file.fileName + ".0");
    }

    private static byte[] Metadata(byte fill) => Enumerable.Repeat(fill, 44).ToArray();

    [Fact]
    public void A_commit_that_reads_back_replaces_the_older_files()
    {
        using var commits = new VerifiedLogCommitManager(Folder);

        for (long n = 1; n <= 3; n++) commits.Commit(64, 64 * n, Metadata((byte)n), n, forceWriteMetadata: false);

        Assert.Null(commits.Failure);
        Assert.Equal([3L], commits.ListCommits());
        Assert.Equal(Metadata(3), commits.GetCommitMetadata(3)[..44]);
    }

    /// <summary>What a full disk did to FASTER's own manager: the new commit's file came back empty.</summary>
    [Fact]
    public void A_commit_that_does_not_read_back_is_reported_and_removed_and_the_last_good_one_kept()
    {
        var reported = new List<string>();
        var files = new EmptyOnDemandFiles(Folder);
        using var commits = new VerifiedLogCommitManager(files, Folder, reported.Add);
        commits.Commit(64, 128, Metadata(1), 1, forceWriteMetadata: false);

        files.WriteEmpty = true;
        commits.Commit(64, 256, Metadata(2), 2, forceWriteMetadata: false);

        Assert.NotNull(commits.Failure);
        Assert.Contains("commit 2", commits.Failure);
        Assert.Equal([commits.Failure], reported);
        Assert.Equal([1L], commits.ListCommits());
        Assert.Equal(Metadata(1), commits.GetCommitMetadata(1)[..44]);

        // The next commit that reads back clears the failure and replaces commit 1.
        files.WriteEmpty = false;
        commits.Commit(64, 384, Metadata(3), 3, forceWriteMetadata: false);
        Assert.Null(commits.Failure);
        Assert.Equal([3L], commits.ListCommits());
    }

    /// <summary>FASTER's manager, except that while <see cref="WriteEmpty"/> a commit leaves an empty file, as a write
    /// on a full disk did (the real full disk: TsdbServer.Tests' JournalDiskFullTests).</summary>
    private sealed class EmptyOnDemandFiles(string directory) : ILogCommitManager
    {
        private readonly DeviceLogCommitCheckpointManager _inner =
            new(new LocalStorageNamedDeviceFactory(), new DefaultCheckpointNamingScheme(directory), removeOutdated: false);

        public bool WriteEmpty { get; set; }

        public void Commit(long beginAddress, long untilAddress, byte[] commitMetadata, long commitNum, bool forceWriteMetadata)
        {
            _inner.Commit(beginAddress, untilAddress, commitMetadata, commitNum, forceWriteMetadata);
            if (WriteEmpty) File.WriteAllBytes(CommitFile(directory, commitNum), []);
        }

        public byte[] GetCommitMetadata(long commitNum) => _inner.GetCommitMetadata(commitNum);
        public IEnumerable<long> ListCommits() => _inner.ListCommits();
        public void RemoveCommit(long commitNum) => _inner.RemoveCommit(commitNum);
        public void RemoveAllCommits() => _inner.RemoveAllCommits();
        public void OnRecovery(long commitNum) => _inner.OnRecovery(commitNum);
        public void Dispose() => _inner.Dispose();
    }

    [Fact]
    public void Recovery_removes_the_other_commits()
    {
        using var commits = new VerifiedLogCommitManager(Folder);
        commits.Commit(64, 128, Metadata(1), 1, forceWriteMetadata: false);
        File.WriteAllBytes(CommitFile(Folder, 2), []);

        commits.OnRecovery(1);

        Assert.Equal([1L], commits.ListCommits());
    }
}
