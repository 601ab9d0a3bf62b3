namespace Tsdb.LoadGen;

/// <summary>What to send and where. <see cref="Rounds"/> is a count of simulated seconds: each round sends
/// one point of every series, so a run sends Rounds x Series points.</summary>
public sealed record LoadSettings(
    LoadMode Mode,
    string Host,
    int Port,
    int Series,
    long Rounds,
    int Connections,
    long RatePerSecond,
    TimeSpan Duration,
    TimeSpan ProgressInterval,
    string HostPrefix,
    ulong Seed,
    long FirstTimestamp);

public enum LoadMode
{
    /// <summary>Every series gets one point per wall-clock second stamped with that second, like collectl -i1.</summary>
    Collectl,
    /// <summary>As fast as possible (or at --rate): round r carries timestamp first + r.</summary>
    Flood,
}
