using Carter;
using Tsdb.Query.Api;

namespace TsdbServer.Modules;

/// <summary>/functions and /functions/&lt;name&gt;, generated from the render functions' signatures (GET only).</summary>
public sealed class FunctionsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/functions", async (HttpRequest r, FunctionsService f) => f.List(await HttpParameters.ReadAsync(r)).ToResult());
        app.MapGet("/functions/{name}", async (string name, HttpRequest r, FunctionsService f) =>
            f.Details(name, await HttpParameters.ReadAsync(r)).ToResult());
    }
}
