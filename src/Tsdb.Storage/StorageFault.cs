using Microsoft.Extensions.Logging;

namespace Tsdb.Storage;

/// <summary>
/// The first failure that makes the store's files unusable: a read or write of the chunk store that failed, or the
/// data folder found gone. Once reported the store writes nothing more (<see cref="TsdbStore.Write"/> throws
/// <see cref="StorageFailedException"/>, checkpoints and sweeps are skipped, closing skips the final checkpoint)
/// and queries go on with what is in memory. There is no way back short of a restart: FASTER keeps a failed page
/// flush pending for good. Logged once, as critical. Thread-safe.
/// </summary>
public sealed class StorageFault(ILogger logger)
{
    private string? _reason;
    private readonly TaskCompletionSource _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What failed first; null while the store is fine.</summary>
    public string? Reason => Volatile.Read(ref _reason);

    /// <summary>Completes when the first failure is reported: for waits on FASTER that a failed write never ends
    /// (a checkpoint whose page flush failed never completes).</summary>
    public Task Failed => _failed.Task;

    /// <summary>Asked when a failure is reported: a root cause to name before it, or null (the store's data folders
    /// found gone). A removed data folder makes several parts fail at once, and the first to report it (a WAL
    /// commit that did not read back, in a folder FASTER made again) did not say the folder was removed.
    /// Must not report.</summary>
    public Func<string?>? Cause { get; set; }

    /// <summary>Records <paramref name="reason"/> (after the <see cref="Cause"/>, when there is one) unless a failure
    /// was reported before; logs the first.</summary>
    public void Report(string reason)
    {
        if (Reason is not null) return;
        if (Cause?.Invoke() is { } cause && !reason.Contains(cause, StringComparison.Ordinal)) reason = $"{cause}; {reason}";
        if (Interlocked.CompareExchange(ref _reason, reason, null) is not null) return;
        StorageLog.StorageFailed(logger, reason);
        _failed.TrySetResult();
    }

    /// <summary>Throws <see cref="StorageFailedException"/> once a failure has been reported.</summary>
    public void ThrowIfFailed()
    {
        if (Reason is { } reason) throw new StorageFailedException(reason);
    }
}
