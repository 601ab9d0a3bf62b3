namespace Tsdb.Cluster;

/// <summary>
/// The read side of a cluster: the other members' HTTP base addresses and graphite-web's remote
/// settings (settings.py REMOTE_FIND_TIMEOUT 3 s, REMOTE_FETCH_TIMEOUT 6 s, REMOTE_RETRY_DELAY 60 s).
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Base addresses of the other members (http://host:port, optionally with a path prefix).</summary>
    public required IReadOnlyList<Uri> Peers { get; init; }

    public TimeSpan FindTimeout { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan FetchTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>How long a member that failed is skipped before it is asked again.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Parses "--peers http://a:8080,http://b:8080": comma-separated absolute http(s) URLs, blanks
    /// ignored. Throws FormatException naming the bad entry.
    /// </summary>
    public static IReadOnlyList<Uri> ParsePeers(string? text)
    {
        var peers = new List<Uri>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
                throw new FormatException($"'{part}' is not an http://host:port address");
            peers.Add(uri);
        }
        if (peers.Select(p => p.ToString()).Distinct().Count() != peers.Count)
            throw new FormatException("a peer is listed twice");
        return peers;
    }
}
