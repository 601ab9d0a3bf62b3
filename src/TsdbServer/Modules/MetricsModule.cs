using Carter;
using Tsdb.Query.Api;

namespace TsdbServer.Modules;

/// <summary>
/// graphite-web's metrics views: /metrics/find (also /metrics/find/ and /metrics), /metrics/expand,
/// /metrics/index.json; GET and POST merged.
/// Routing ignores a trailing slash, so "/metrics/find/" is served too. The Accept header decides ASCII escaping as in graphite-web.
/// </summary>
public sealed class MetricsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        foreach (var path in new[] { "/metrics/find", "/metrics" })
            app.MapMethods(path, ["GET", "POST"], async (HttpRequest r, MetricsService m) =>
                (await m.FindAsync(await HttpParameters.ReadAsync(r), Accept(r))).ToResult());
        foreach (var path in new[] { "/metrics/expand" })
            app.MapMethods(path, ["GET", "POST"], async (HttpRequest r, MetricsService m) =>
                (await m.ExpandAsync(await HttpParameters.ReadAsync(r), Accept(r))).ToResult());
        foreach (var path in new[] { "/metrics/index.json" })
            app.MapMethods(path, ["GET", "POST"], async (HttpRequest r, MetricsService m) =>
                (await m.IndexAsync(await HttpParameters.ReadAsync(r), Accept(r))).ToResult());
    }

    private static string? Accept(HttpRequest r) => r.Headers.Accept.Count == 0 ? null : r.Headers.Accept.ToString();
}
