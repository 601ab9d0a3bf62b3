namespace TsdbServer.Options;

/// <summary>
/// Every setting of the server, bound from the "Tsdb" configuration section (appsettings.json,
/// environment variables such as Tsdb__DataDir, and the command-line switches of
/// <see cref="CommandLineSwitches"/>). Documented in deploy/tsdbserver.example.json and README.md.
/// A port of 0 disables that listener (like carbon's empty port settings).
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "Tsdb";

    /// <summary>Folder for the FASTER log, checkpoints and chunk store.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Address every listener binds to (carbon binds 0.0.0.0).</summary>
    public string Bind { get; set; } = "0.0.0.0";

    /// <summary>carbon plaintext protocol, TCP and UDP.</summary>
    public int LinePort { get; set; } = 2003;

    /// <summary>Receive plaintext datagrams on LinePort too.</summary>
    public bool UdpEnabled { get; set; } = true;

    /// <summary>carbon pickle protocol (carbon-relay, carbon-c-relay).</summary>
    public int PicklePort { get; set; } = 2004;

    /// <summary>graphite-web HTTP API.</summary>
    public int HttpPort { get; set; } = 8080;

    /// <summary>carbon storage-schemas.conf; null = built-in 1s:1d,1m:30d,5m:1y.</summary>
    public string? SchemasFile { get; set; }

    /// <summary>carbon storage-aggregation.conf; null = average, xFilesFactor 0.</summary>
    public string? AggregationFile { get; set; }

    /// <summary>graphite-web's graphTemplates.conf (the `template` option of graph images); null = none, as on
    /// Debian: every template is glyph.py's built-in defaults.</summary>
    public string? GraphTemplatesFile { get; set; }

    /// <summary>carbon's whitelist.conf: regular expressions a received name must match one of (when any are
    /// listed); null = no whitelist. Read again when it changes; a missing file lists nothing.</summary>
    public string? WhitelistFile { get; set; }

    /// <summary>carbon's blacklist.conf: regular expressions whose matching names are dropped; null = none.</summary>
    public string? BlacklistFile { get; set; }

    /// <summary>How often the write-ahead log is committed to disk (the most a kill -9 can lose).</summary>
    public int WalCommitIntervalMs { get; set; } = 1000;

    /// <summary>How often chunk state is checkpointed and the write-ahead log truncated.</summary>
    public int CheckpointIntervalSeconds { get; set; } = 300;

    /// <summary>
    /// Free space, in MB, the data folder's filesystem must keep: below it writes stop (points are dropped and
    /// counted) until space returns. Must cover a checkpoint (the 16 MB chunk index and changed chunks). 0 = off.
    /// </summary>
    public int MinFreeDiskMb { get; set; } = 256;

    /// <summary>Capacity, in batches, of the channel between the listeners and storage. Small on purpose: a
    /// point waits behind everything queued, so 1,024 batches (~1 M points) made a flood's points visible
    /// 0.8-1.8 s late; 32 (~32 k points) gives ~25 ms and the same rate, TCP pushing back sooner.</summary>
    public int ChannelCapacity { get; set; } = 32;

    /// <summary>TCP connections each listener holds at once; at the limit it stops accepting until one closes (carbon's
    /// MAX_RECEIVER_CONNECTIONS; see <see cref="Tsdb.Ingestion.IngestionOptions.MaxConnections"/>).</summary>
    public int MaxConnections { get; set; } = new Tsdb.Ingestion.IngestionOptions().MaxConnections;

    /// <summary>
    /// Other cluster members, "http://host:port,http://host:port" (graphite-web CLUSTER_SERVERS): /render,
    /// /metrics/find, /metrics/expand and /metrics/index.json then answer for the whole cluster.
    /// Null or empty = a single node.
    /// </summary>
    public string? Peers { get; set; }

    /// <summary>Store the server's own counters as series under carbon.agents.&lt;host&gt;.* (as carbon does).</summary>
    public bool SelfMetrics { get; set; } = true;

    /// <summary>Seconds between two self-metric points (carbon's CARBON_METRIC_INTERVAL, 60).</summary>
    public int SelfMetricsIntervalSeconds { get; set; } = 60;

    /// <summary>Run the hot paths once on a throwaway store while starting (see TsdbServer.Hosting.StartupWarmUp), and
    /// the HTTP query path once the server listens (TsdbServer.Hosting.HttpWarmUp), so the first points and queries
    /// do not wait for their code to be compiled.</summary>
    public bool WarmUp { get; set; } = true;

    /// <summary>Seconds between two checks of whether the GC holds enough unused memory to compact and give it
    /// back (see MemoryTrimPolicy); also how long the store must be quiet before the first trim; 0 = never.</summary>
    public int MemoryTrimIntervalSeconds { get; set; } = 5;

    /// <summary>Seconds a shutdown waits for storage to close (its final checkpoint) before the process exits without
    /// it, with exit code 1 (the WAL replays what was committed at the next start). A healthy close ends well within
    /// it; one stuck on a failing disk would otherwise never end. Must be > 0.</summary>
    public int StorageCloseTimeoutSeconds { get; set; } = 120;
}
