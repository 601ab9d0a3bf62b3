using System.Net;

namespace Tsdb.Ingestion;

/// <summary>
/// Carbon receiver settings (section "Ingestion"). Defaults follow carbon.conf: line 2003, pickle 2004,
/// lines up to 16384 bytes (Twisted LineOnlyReceiver.MAX_LENGTH), pickle frames up to 2^20 bytes
/// (PICKLE_RECEIVER_MAX_LENGTH). A port of 0 disables that listener. Unlike carbon (ENABLE_UDP_LISTENER
/// = False) UDP is on by default.
/// </summary>
public sealed class IngestionOptions
{
    public string BindAddress { get; set; } = "0.0.0.0";
    public int LinePort { get; set; } = 2003;
    public bool UdpEnabled { get; set; } = true;
    public int UdpPort { get; set; } = 2003;
    public int PicklePort { get; set; } = 2004;

    /// <summary>Batches the channel holds before TCP readers wait (backpressure; nothing is dropped).</summary>
    public int ChannelCapacity { get; set; } = 32;

    /// <summary>Points per batch before a reader hands it to the channel.</summary>
    public int BatchSize { get; set; } = 1000;

    public int MaxLineLength { get; set; } = 16384;
    public int MaxPickleFrameLength { get; set; } = 1 << 20;

    /// <summary>Open TCP connections per listener. At the limit the listener stops accepting until one closes, as
    /// carbon does at MAX_RECEIVER_CONNECTIONS (whose default is no limit): further senders wait in the kernel's
    /// accept queue with what they sent, and nothing is closed. About 6 KB per idle connection; the process's
    /// open-file limit caps the count as well (the listener then retries its accepts, see
    /// <see cref="Tcp.TcpConnectionListener"/>).</summary>
    public int MaxConnections { get; set; } = 100_000;

    /// <summary>Distinct received names remembered with their canonical form.</summary>
    public int MaxInternedNames { get; set; } = 1_000_000;

    /// <summary>At most one "invalid input" log line per listener per interval; the rest are counted.</summary>
    public TimeSpan InvalidInputLogInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>carbon's whitelist and blacklist files (<see cref="MetricNameFilter"/>); null = none.</summary>
    public string? WhitelistFile { get; set; }
    public string? BlacklistFile { get; set; }

    /// <summary>Address of the plaintext TCP+UDP listener; null = <see cref="BindAddress"/>.</summary>
    public string? LineBindAddress { get; set; }

    /// <summary>Address of the pickle listener; null = <see cref="BindAddress"/>.</summary>
    public string? PickleBindAddress { get; set; }

    /// <summary>Client networks accepted by every listener; empty = everyone. Others are closed at once
    /// (TCP) or ignored (UDP) and counted as refused by address.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; set; } = [];

    /// <summary>The listener's end point: the pickle port binds <see cref="PickleBindAddress"/>, the line
    /// ports <see cref="LineBindAddress"/>, each falling back to <see cref="BindAddress"/>.</summary>
    public IPEndPoint EndPointFor(int port)
    {
        string? specific = port == PicklePort ? PickleBindAddress : port == LinePort || port == UdpPort ? LineBindAddress : null;
        return new(IPAddress.Parse(specific ?? BindAddress), port);
    }

    /// <summary>Whether <paramref name="peer"/> may send (IPv4-mapped IPv6 peers are matched as IPv4).</summary>
    public bool IsAllowed(EndPoint? peer)
    {
        if (AllowedNetworks.Count == 0) return true;
        if (peer is not IPEndPoint ip) return false;
        IPAddress address = ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address;
        foreach (IPNetwork network in AllowedNetworks)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>Throws naming the first invalid option.</summary>
    public void Validate()
    {
        if (!IPAddress.TryParse(BindAddress, out _)) Fail(nameof(BindAddress), $"'{BindAddress}' is not an IP address");
        foreach (var (name, port) in new[] { (nameof(LinePort), LinePort), (nameof(UdpPort), UdpPort), (nameof(PicklePort), PicklePort) })
        {
            if (port is < 0 or > 65535) Fail(name, "must be 0 (disabled) or a port number up to 65535");
        }
        if (ChannelCapacity < 1) Fail(nameof(ChannelCapacity), "must be at least 1");
        if (BatchSize < 1) Fail(nameof(BatchSize), "must be at least 1");
        if (MaxLineLength < 64) Fail(nameof(MaxLineLength), "must be at least 64");
        if (MaxPickleFrameLength < 64) Fail(nameof(MaxPickleFrameLength), "must be at least 64");
        if (MaxConnections < 1) Fail(nameof(MaxConnections), "must be at least 1");
        if (MaxInternedNames < 0) Fail(nameof(MaxInternedNames), "must not be negative");
        if (InvalidInputLogInterval < TimeSpan.Zero) Fail(nameof(InvalidInputLogInterval), "must not be negative");
    }

    private static void Fail(string option, string problem) =>
        throw new InvalidOperationException($"Ingestion:{option} {problem}.");
}
