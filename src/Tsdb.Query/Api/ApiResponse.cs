namespace Tsdb.Query.Api;

/// <summary>What an HTTP module writes back: status, Content-Type, body text (UTF-8) and extra headers.</summary>
public sealed record ApiResponse(int StatusCode, string ContentType, string Body)
{
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>A binary body (pickle formats); when set it is written instead of <see cref="Body"/>.</summary>
    public byte[]? Bytes { get; init; }

    /// <summary>
    /// A large text body already in UTF-8 (render JSON); when set it is written instead of <see cref="Body"/>
    /// and then disposed by the writer. <see cref="Body"/> then decodes it (for tests and other readers).
    /// </summary>
    public PooledUtf8Body? Utf8Body { get; init; }

    private readonly string _body = Body;

    /// <summary>The body text: as given, or <see cref="Utf8Body"/> decoded when that is set.</summary>
    public string Body
    {
        get => Utf8Body is { } utf8 ? utf8.ToString() : _body;
        init => _body = value;
    }

    /// <summary>graphite-web's content type for format=pickle answers (render and find).</summary>
    public const string Pickle = "application/pickle";

    /// <summary>graphite-web's content type for format=msgpack answers (render and find).</summary>
    public const string MsgPack = "application/x-msgpack";

    /// <summary>Response header naming the cluster peers an answer was built without (comma separated).</summary>
    public const string MissingPeersHeader = "X-Tsdb-Missing-Peers";

    public const string Json = "application/json";
    public const string Html = "text/html; charset=utf-8";

    /// <summary>graphite-web's HttpResponseBadRequest from an InputParameterError: text/html, message unescaped.</summary>
    public static ApiResponse BadRequest(string message) => new(400, Html, message);
}
