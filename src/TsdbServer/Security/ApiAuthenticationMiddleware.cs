using System.Security.Cryptography;
using System.Text;
using TsdbServer.Options;

namespace TsdbServer.Security;

/// <summary>
/// HTTP basic or bearer authentication for the API (Grafana's Graphite data source sends either), off
/// unless credentials are configured. Writes (tag registration and deletion, events, any DELETE) need the
/// write credentials when those are configured, else the read ones. /health stays open for load balancers
/// and container health checks. CORS preflights are answered before this runs.
/// </summary>
public sealed class ApiAuthenticationMiddleware(RequestDelegate next, SecurityOptions security)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/health")) return next(context);
        bool write = IsWrite(context.Request);
        (IReadOnlyList<string> users, IReadOnlyList<string> tokens) = write && security.WritesHaveOwnCredentials
            ? (security.WriteUsers, security.WriteTokens)
            : (security.ApiUsers, security.ApiTokens);
        if (users.Count == 0 && tokens.Count == 0) return next(context);
        if (Presented(context.Request, users, tokens)) return next(context);

        bool anyPresented = context.Request.Headers.Authorization.Count > 0;
        context.Response.StatusCode = anyPresented && write ? 403 : 401;
        if (!anyPresented) context.Response.Headers.WWWAuthenticate = "Basic realm=\"tsdbserver\", Bearer";
        return context.Response.WriteAsync(write
            ? "This endpoint changes data and needs write credentials (Tsdb:Security:WriteUsers / WriteTokens)."
            : "Authentication required (Tsdb:Security:ApiUsers / ApiTokens).");
    }

    /// <summary>graphite-web's write endpoints: /tags/tagSeries, /tags/tagMultiSeries, /tags/delSeries, POST/PUT/DELETE /events, any DELETE.</summary>
    public static bool IsWrite(HttpRequest request)
    {
        if (HttpMethods.IsDelete(request.Method)) return true;
        PathString path = request.Path;
        if (path.StartsWithSegments("/tags/tagSeries") || path.StartsWithSegments("/tags/tagMultiSeries")
            || path.StartsWithSegments("/tags/delSeries")) return true;
        return path.StartsWithSegments("/events") && !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
    }

    private static bool Presented(HttpRequest request, IReadOnlyList<string> users, IReadOnlyList<string> tokens)
    {
        string header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AnyEqual(tokens, header[7..].Trim());
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            string decoded;
            try { decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim())); }
            catch (FormatException) { return false; }
            return AnyEqual(users, decoded);
        }
        return false;
    }

    // Constant-time comparison against every entry: no timing hint of how much of a secret matched.
    private static bool AnyEqual(IReadOnlyList<string> secrets, string presented)
    {
        byte[] given = Encoding.UTF8.GetBytes(presented);
        bool match = false;
        foreach (string secret in secrets) match |= CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(secret), given);
        return match;
    }
}
