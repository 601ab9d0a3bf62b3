namespace Tsdb.LoadGen;

/// <summary>
/// How collectl's values for one metric behave, as seen in a real collectl export
/// (../shared/fixtures/collectl-export-60s.txt): percentages are small integers, totals such as
/// meminfo.tot never change, counters sit at 0 with bursts, load averages have two decimals.
/// </summary>
public enum ValueKind
{
    /// <summary>An integer that never changes (meminfo.tot, swapinfo.total).</summary>
    Constant,
    /// <summary>An integer percentage jittering around a mean (cpu user/sys/idle).</summary>
    Percent,
    /// <summary>Mostly 0, sometimes a burst up to the scale (disk kbs, net packets, page faults).</summary>
    Bursty,
    /// <summary>A large integer drifting slowly (meminfo.free, cached).</summary>
    Drift,
    /// <summary>Two decimals drifting slowly in [0, scale] (cpuload.avg1).</summary>
    Decimal2,
}

/// <summary>One metric of a node template: name suffix after the host, value kind, mean and scale.</summary>
public readonly record struct MetricShape(string Suffix, ValueKind Kind, long Mean, long Scale);
