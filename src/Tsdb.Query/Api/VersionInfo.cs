namespace Tsdb.Query.Api;

/// <summary>/version: graphite-web 1.1.8's version page, "1.1.8\n" as text/html.</summary>
public static class VersionInfo
{
    public const string Version = "1.1.8";

    public static ApiResponse Response() => new(200, ApiResponse.Html, Version + "\n");
}
