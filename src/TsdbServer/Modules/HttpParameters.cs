using System.Text;
using Tsdb.Query.Api;

namespace TsdbServer.Modules;

/// <summary>
/// graphite-web reads request.GET updated with request.POST: this merges the query string and, for
/// urlencoded or multipart bodies, the form, in that order (see <see cref="RequestParameters"/>).
/// </summary>
public static class HttpParameters
{
    public static async Task<RequestParameters> ReadAsync(HttpRequest request) =>
        new(QueryPairs(request), await FormPairsAsync(request));

    /// <summary>The query string alone, for a view that reads request.GET only.</summary>
    public static RequestParameters Query(HttpRequest request) => new(QueryPairs(request));

    /// <summary>The urlencoded or multipart form alone (empty for any other body).</summary>
    public static async Task<RequestParameters> FormAsync(HttpRequest request) => new(await FormPairsAsync(request));

    private static IEnumerable<KeyValuePair<string, string>> QueryPairs(HttpRequest request) =>
        request.Query.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")));

    private static async Task<IEnumerable<KeyValuePair<string, string>>> FormPairsAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return [];
        var form = await request.ReadFormAsync();
        return form.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v ?? "")));
    }

    /// <summary>Writes an <see cref="ApiResponse"/> as it is: status, content type, extra headers, UTF-8 body.</summary>
    public static IResult ToResult(this ApiResponse response) => new ApiResponseResult(response);

    private sealed class ApiResponseResult(ApiResponse response) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = response.StatusCode;
            context.Response.ContentType = response.ContentType;
            foreach (var (k, v) in response.Headers) context.Response.Headers.Append(k, v);
            // A known length goes out in one write, without chunked framing and its closing write.
            if (response.Utf8Body is { } utf8)
            {
                using (utf8)
                {
                    context.Response.ContentLength = utf8.Length;
                    await utf8.WriteToAsync(context.Response.Body, context.RequestAborted);
                }
            }
            else if (response.Bytes is { } bytes)
            {
                context.Response.ContentLength = bytes.Length;
                await context.Response.Body.WriteAsync(bytes);
            }
            else
            {
                context.Response.ContentLength = Encoding.UTF8.GetByteCount(response.Body);
                await context.Response.WriteAsync(response.Body);
            }
        }
    }
}
