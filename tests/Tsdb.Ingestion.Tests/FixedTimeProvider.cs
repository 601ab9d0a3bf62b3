namespace Tsdb.Ingestion.Tests;

/// <summary>Wall clock frozen at an epoch second (arrival time for "-1" timestamps).</summary>
internal sealed class FixedTimeProvider(long epochSeconds) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(epochSeconds);
}
