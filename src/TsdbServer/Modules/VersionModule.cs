using Carter;

namespace TsdbServer.Modules;

/// <summary>
/// GET /version: graphite-web answers "1.1.8\n" as text/html. Grafana's config page reads it to detect
/// the version; 1.1 or later enables tags and the /functions editor.
/// </summary>
public sealed class VersionModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/version", Answer);
    }

    private static IResult Answer() => Tsdb.Query.Api.VersionInfo.Response().ToResult();
}
