using Carter;
using Tsdb.Query.Api;

namespace TsdbServer.Modules;

/// <summary>/render and /render/ (GET and POST, form merged into the query as graphite-web does).</summary>
public sealed class RenderModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        // Routing ignores a trailing slash, so "/render" also serves "/render/".
        app.MapMethods("/render", ["GET", "POST"], Render);
    }

    private static async Task<IResult> Render(HttpRequest request, RenderService render) =>
        (await render.RenderAsync(await HttpParameters.ReadAsync(request))).ToResult();
}
