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
    long FirstTimestamp)
{
    /// <summary>Base URL of the read API (graphite /render or InfluxDB /query), for the probe and the query load.</summary>
    public Uri? HttpBase { get; init; }

    /// <summary>Which read API <see cref="HttpBase"/> serves.</summary>
    public ReadApi Api { get; init; } = ReadApi.Graphite;

    /// <summary>Seconds between freshness markers; zero = no probe.</summary>
    public TimeSpan ProbeInterval { get; init; }

    /// <summary>Series name of the freshness markers.</summary>
    public string ProbeName { get; init; } = "loadgen.probe.freshness";

    /// <summary>Grafana-shaped POST /render requests per second while the load runs; zero = none.</summary>
    public double QueriesPerSecond { get; init; }
}

public enum LoadMode
{
    /// <summary>Every series gets one point per wall-clock second stamped with that second, like collectl -i1.</summary>
    Collectl,
    /// <summary>As fast as possible (or at --rate): round r carries timestamp first + r.</summary>
    Flood,
}
