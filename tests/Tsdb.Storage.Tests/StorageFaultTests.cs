using Microsoft.Extensions.Logging.Abstractions;

namespace Tsdb.Storage.Tests;

/// <summary>The first failure is kept, named after its root cause when the store knows one (its data folder gone),
/// so that whichever part of storage reports first, /health and the log say what happened.</summary>
public sealed class StorageFaultTests
{
    [Fact]
    public void A_failure_is_named_after_the_cause_and_the_first_is_kept()
    {
        string? cause = null;
        var fault = new StorageFault(NullLogger.Instance) { Cause = () => cause };
        cause = "the data folder /d/chunks is gone";

        fault.Report("commit 2 of /d/wal/commits did not read back as written");
        fault.Report("write of /d/wal/wal.0 failed");

        Assert.Equal("the data folder /d/chunks is gone; commit 2 of /d/wal/commits did not read back as written", fault.Reason);
        Assert.True(fault.Failed.IsCompleted);
        Assert.Throws<StorageFailedException>(fault.ThrowIfFailed);
    }

    [Fact]
    public void A_failure_that_is_its_cause_or_has_none_is_kept_as_reported()
    {
        var same = new StorageFault(NullLogger.Instance) { Cause = () => "the data folder /d is gone" };
        same.Report("the data folder /d is gone");
        Assert.Equal("the data folder /d is gone", same.Reason);

        var none = new StorageFault(NullLogger.Instance) { Cause = () => null };
        Assert.Null(none.Reason);
        none.Report("read of /d/chunks/log.3 failed");
        Assert.Equal("read of /d/chunks/log.3 failed", none.Reason);
    }
}
