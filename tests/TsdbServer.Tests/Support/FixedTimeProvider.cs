namespace TsdbServer.Tests.Support;

/// <summary>A clock that reads a fixed instant (timers still run on real time), for golden comparisons at a known NOW.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
