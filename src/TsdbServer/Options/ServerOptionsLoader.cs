using System.Net;

namespace TsdbServer.Options;

/// <summary>
/// Binds and validates <see cref="ServerOptions"/>. Every failure is an <see cref="OptionsException"/>
/// whose message names the option both as a switch and as a configuration key, so the server can
/// stop at startup with that message.
/// </summary>
public static class ServerOptionsLoader
{
    public static ServerOptions Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(ServerOptions.Section);
        var options = new ServerOptions();
        foreach (var prop in typeof(ServerOptions).GetProperties())
        {
            string? raw = section[prop.Name];
            if (raw is null) continue;
            try
            {
                object value = prop.PropertyType == typeof(int) ? int.Parse(raw, System.Globalization.CultureInfo.InvariantCulture)
                    : prop.PropertyType == typeof(bool) ? bool.Parse(raw)
                    : raw;
                prop.SetValue(options, value);
            }
            catch (FormatException)
            {
                throw new OptionsException($"{Describe(prop.Name)}: '{raw}' is not a valid {(prop.PropertyType == typeof(int) ? "integer" : prop.PropertyType == typeof(bool) ? "boolean (true/false)" : "value")}.");
            }
            catch (OverflowException)
            {
                throw new OptionsException($"{Describe(prop.Name)}: '{raw}' is out of range.");
            }
        }
        Validate(options);
        return options;
    }

    public static void Validate(ServerOptions o)
    {
        if (string.IsNullOrWhiteSpace(o.DataDir)) throw new OptionsException($"{Describe(nameof(o.DataDir))}: must not be empty.");
        if (!IPAddress.TryParse(o.Bind, out _)) throw new OptionsException($"{Describe(nameof(o.Bind))}: '{o.Bind}' is not an IP address.");
        CheckPort(nameof(o.LinePort), o.LinePort);
        CheckPort(nameof(o.PicklePort), o.PicklePort);
        CheckPort(nameof(o.HttpPort), o.HttpPort);
        CheckFile(nameof(o.SchemasFile), o.SchemasFile);
        CheckFile(nameof(o.AggregationFile), o.AggregationFile);
        CheckFile(nameof(o.GraphTemplatesFile), o.GraphTemplatesFile);
        if (o.WalCommitIntervalMs <= 0) throw new OptionsException($"{Describe(nameof(o.WalCommitIntervalMs))}: must be > 0.");
        if (o.CheckpointIntervalSeconds <= 0) throw new OptionsException($"{Describe(nameof(o.CheckpointIntervalSeconds))}: must be > 0.");
        if (o.MinFreeDiskMb < 0) throw new OptionsException($"{Describe(nameof(o.MinFreeDiskMb))}: must be >= 0 (0 turns the check off).");
        if (o.ChannelCapacity <= 0) throw new OptionsException($"{Describe(nameof(o.ChannelCapacity))}: must be > 0.");
        if (o.MaxConnections <= 0) throw new OptionsException($"{Describe(nameof(o.MaxConnections))}: must be > 0.");
        try
        {
            Tsdb.Cluster.ClusterOptions.ParsePeers(o.Peers);
        }
        catch (FormatException e)
        {
            throw new OptionsException($"{Describe(nameof(o.Peers))}: {e.Message}.");
        }
        if (o.SelfMetricsIntervalSeconds <= 0) throw new OptionsException($"{Describe(nameof(o.SelfMetricsIntervalSeconds))}: must be > 0.");
        if (o.MemoryTrimIntervalSeconds < 0) throw new OptionsException($"{Describe(nameof(o.MemoryTrimIntervalSeconds))}: must be >= 0 (0 turns trimming off).");
        if (o.StorageCloseTimeoutSeconds <= 0) throw new OptionsException($"{Describe(nameof(o.StorageCloseTimeoutSeconds))}: must be > 0.");
    }

    private static void CheckPort(string name, int port)
    {
        if (port is < 0 or > 65535) throw new OptionsException($"{Describe(name)}: {port} is not a port (0 disables, 1-65535).");
    }

    /// <summary>
    /// The graph templates of <see cref="ServerOptions.GraphTemplatesFile"/>, read as graphite-web reads
    /// graphTemplates.conf (ConfigParser); none when it is not set. A file that does not parse, or has no [default]
    /// section, stops the server with a message naming the option.
    /// </summary>
    public static Tsdb.Query.Graphs.GraphTemplates LoadGraphTemplates(ServerOptions o)
    {
        if (o.GraphTemplatesFile is not { } path) return Tsdb.Query.Graphs.GraphTemplates.None;
        try
        {
            var ini = Tsdb.Storage.Schemas.CarbonIniFile.Parse(File.ReadAllText(path), path);
            return Tsdb.Query.Graphs.GraphTemplates.FromSections(
                ini.Sections.Where(section => section.Name != "DEFAULT").Select(section => (section.Name, section.Options)));
        }
        catch (Exception e) when (e is Tsdb.Storage.StorageConfigurationException or Tsdb.Query.Graphs.GraphException or IOException)
        {
            throw new OptionsException($"{Describe(nameof(o.GraphTemplatesFile))}: {e.Message}");
        }
    }

    private static void CheckFile(string name, string? path)
    {
        if (path is not null && !File.Exists(path)) throw new OptionsException($"{Describe(name)}: file '{path}' does not exist.");
    }

    /// <summary>"--line-port (Tsdb:LinePort)" for a property name.</summary>
    private static string Describe(string property)
    {
        string key = $"{ServerOptions.Section}:{property}";
        var sw = CommandLineSwitches.Map.FirstOrDefault(kv => kv.Value == key).Key;
        return sw is null ? key : $"{sw} ({key})";
    }
}

public sealed class OptionsException(string message) : Exception(message);
