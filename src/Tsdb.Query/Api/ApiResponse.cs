namespace Tsdb.Query.Api;

/// <summary>What an HTTP module writes back: status, Content-Type, body text (UTF-8) and extra headers.</summary>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public const string Json = "application/json";
    public const string Html = "text/html; charset=utf-8";

    /// <summary>graphite-web's HttpResponseBadRequest from an InputParameterError: text/html, message unescaped.</summary>
    public static ApiResponse BadRequest(string message) => new(400, Html, message);
}
