using System.Net;

namespace TsdbServer.Options;

/// <summary>
/// Access control, section "Tsdb:Security"; everything is off by default (carbon and graphite-web accept
/// anyone). Lists are comma-separated strings so they work the same in JSON, environment variables and
/// on the command line (--Tsdb:Security:AllowedNetworks=10.0.0.0/8,127.0.0.1/32).
/// Documented in README.md ("Security") and deploy/tsdbserver.example.json.
/// </summary>
public sealed class SecurityOptions
{
    public const string Section = "Tsdb:Security";

    /// <summary>Address of the plaintext TCP+UDP listener; null = Tsdb:Bind.</summary>
    public string? LineBind { get; set; }

    /// <summary>Address of the pickle listener; null = Tsdb:Bind.</summary>
    public string? PickleBind { get; set; }

    /// <summary>Address of the HTTP API; null = Tsdb:Bind.</summary>
    public string? HttpBind { get; set; }

    /// <summary>CIDR networks ingestion accepts connections and datagrams from; empty = everyone.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; set; } = [];

    /// <summary>HTTP basic users ("user:password") allowed to read; with <see cref="ApiTokens"/> empty = reads are open.</summary>
    public IReadOnlyList<string> ApiUsers { get; set; } = [];

    /// <summary>Bearer tokens allowed to read.</summary>
    public IReadOnlyList<string> ApiTokens { get; set; } = [];

    /// <summary>Basic users allowed to write (tags, events, deletes); empty with <see cref="WriteTokens"/> = the read credentials.</summary>
    public IReadOnlyList<string> WriteUsers { get; set; } = [];

    /// <summary>Bearer tokens allowed to write.</summary>
    public IReadOnlyList<string> WriteTokens { get; set; } = [];

    /// <summary>Origins allowed by CORS (Grafana's browser access mode): "*" or a list; empty = no CORS headers.</summary>
    public IReadOnlyList<string> CorsOrigins { get; set; } = [];

    public bool ReadsNeedCredentials => ApiUsers.Count > 0 || ApiTokens.Count > 0;
    public bool WritesHaveOwnCredentials => WriteUsers.Count > 0 || WriteTokens.Count > 0;

    public static SecurityOptions Load(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var o = new SecurityOptions
        {
            LineBind = Address(section, nameof(LineBind)),
            PickleBind = Address(section, nameof(PickleBind)),
            HttpBind = Address(section, nameof(HttpBind)),
            ApiUsers = Users(section, nameof(ApiUsers)),
            ApiTokens = List(section[nameof(ApiTokens)]),
            WriteUsers = Users(section, nameof(WriteUsers)),
            WriteTokens = List(section[nameof(WriteTokens)]),
            CorsOrigins = List(section[nameof(CorsOrigins)]),
        };
        var networks = new List<IPNetwork>();
        foreach (string cidr in List(section[nameof(AllowedNetworks)]))
        {
            if (!IPNetwork.TryParse(cidr, out IPNetwork network))
                throw new OptionsException($"{Section}:{nameof(AllowedNetworks)}: '{cidr}' is not a network in CIDR notation (10.0.0.0/8, ::1/128).");
            networks.Add(network);
        }
        o.AllowedNetworks = networks;
        return o;
    }

    private static string? Address(IConfigurationSection section, string key)
    {
        string? raw = section[key];
        if (string.IsNullOrWhiteSpace(raw)) return null;
        return IPAddress.TryParse(raw, out _) ? raw : throw new OptionsException($"{Section}:{key}: '{raw}' is not an IP address.");
    }

    private static IReadOnlyList<string> Users(IConfigurationSection section, string key)
    {
        var users = List(section[key]);
        foreach (string user in users)
            if (user.IndexOf(':') <= 0) throw new OptionsException($"{Section}:{key}: entries are 'user:password'.");
        return users;
    }

    private static IReadOnlyList<string> List(string? raw) =>
        string.IsNullOrWhiteSpace(raw) ? [] : raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
