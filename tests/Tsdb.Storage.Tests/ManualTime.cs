namespace Tsdb.Storage.Tests;

/// <summary>A clock the test sets; timers still come from the system (the store's commit/checkpoint
/// timers are set far apart in tests so they never interfere).</summary>
public sealed class ManualTime(long unixSeconds) : TimeProvider
{
    public long Now { get; set; } = unixSeconds;

    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
}
