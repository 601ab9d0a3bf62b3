namespace TsdbServer.Options;

/// <summary>
/// The documented command-line switches and the configuration keys they set. Any other "--name"
/// argument is refused at startup (a typo must not silently fall back to a default), except
/// explicit configuration keys ("--Tsdb:DataDir=..." or "--Logging:LogLevel:Default ...").
/// </summary>
public static class CommandLineSwitches
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["--data-dir"] = "Tsdb:DataDir",
        ["--bind"] = "Tsdb:Bind",
        ["--line-port"] = "Tsdb:LinePort",
        ["--pickle-port"] = "Tsdb:PicklePort",
        ["--http-port"] = "Tsdb:HttpPort",
        ["--schemas"] = "Tsdb:SchemasFile",
        ["--aggregation"] = "Tsdb:AggregationFile",
        ["--graph-templates"] = "Tsdb:GraphTemplatesFile",
        ["--whitelist"] = "Tsdb:WhitelistFile",
        ["--blacklist"] = "Tsdb:BlacklistFile",
        ["--udp"] = "Tsdb:UdpEnabled",
        ["--wal-commit-interval-ms"] = "Tsdb:WalCommitIntervalMs",
        ["--checkpoint-interval-seconds"] = "Tsdb:CheckpointIntervalSeconds",
        ["--min-free-disk-mb"] = "Tsdb:MinFreeDiskMb",
        ["--peers"] = "Tsdb:Peers",
        ["--self-metrics"] = "Tsdb:SelfMetrics",
    };

    /// <summary>Returns an error message naming the first unknown switch or missing value, or null.</summary>
    public static string? Validate(string[] args)
    {
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
                return $"Unexpected argument '{a}'. Options are: {string.Join(", ", Map.Keys)}.";
            string name = a.Split('=', 2)[0];
            if (name.Contains(':')) { if (!a.Contains('=')) i++; continue; }
            if (!Map.ContainsKey(name))
                return $"Unknown option '{name}'. Options are: {string.Join(", ", Map.Keys)}.";
            if (!a.Contains('='))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    return $"Option '{name}' needs a value.";
                i++;
            }
        }
        return null;
    }
}
