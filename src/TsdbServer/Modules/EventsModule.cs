using Carter;
using Tsdb.Query.Api;

namespace TsdbServer.Modules;

/// <summary>
/// graphite-web's events URLs (events/urls.py): POST /events/ creates an event from a JSON body,
/// GET /events/get_data (also the regex's /events/get_dat) queries them, GET /events/&lt;id&gt;/ answers
/// one event as JSON, DELETE /events/&lt;id&gt;/ removes it.
/// </summary>
public sealed class EventsModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/events", async (HttpRequest r, EventsService s) =>
        {
            using var reader = new StreamReader(r.Body);
            return s.Create(await reader.ReadToEndAsync()).ToResult();
        });
        foreach (var path in new[] { "/events/get_data", "/events/get_dat" })
            app.MapMethods(path, ["GET", "POST"], async (HttpRequest r, EventsService s) =>
                s.GetData(HttpParameters.Query(r), await HttpParameters.FormAsync(r)).ToResult());
        app.MapGet("/events/{id:long}", (long id, EventsService s) => s.Detail(id).ToResult());
        app.MapDelete("/events/{id:long}", (long id, EventsService s) => s.Delete(id).ToResult());
    }
}
