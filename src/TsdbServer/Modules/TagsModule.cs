using Carter;
using Tsdb.Query.Api;

namespace TsdbServer.Modules;

/// <summary>
/// graphite-web's tags URLs (tags/urls.py): /tags, /tags/findSeries, /tags/autoComplete/tags,
/// /tags/autoComplete/values (GET and POST merged), /tags/tagSeries, /tags/tagMultiSeries,
/// /tags/delSeries (POST only), /tags/&lt;tag&gt; (GET only). A method a view refuses is an empty 405
/// (Django's HttpResponse(status=405): text/html, no Allow header).
/// The read views answer for the whole cluster when the server has --peers (see <see cref="TagsService"/>).
/// </summary>
public sealed class TagsModule : ICarterModule
{
    private static readonly string[] AnyMethod = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    public void AddRoutes(IEndpointRouteBuilder app)
    {
        Map(app, "/tags", ["GET"], (s, p, _) => s.ListTagsAsync(p));
        Map(app, "/tags/findSeries", ["GET", "POST"], (s, p, _) => s.FindSeriesAsync(p));
        Map(app, "/tags/autoComplete/tags", ["GET", "POST"], (s, p, _) => s.AutoCompleteTagsAsync(p));
        Map(app, "/tags/autoComplete/values", ["GET", "POST"], (s, p, _) => s.AutoCompleteValuesAsync(p));
        Map(app, "/tags/tagSeries", ["POST"], (s, p, _) => Task.FromResult(s.TagSeries(p)));
        Map(app, "/tags/tagMultiSeries", ["POST"], (s, p, _) => Task.FromResult(s.TagMultiSeries(p)));
        Map(app, "/tags/delSeries", ["POST"], (s, p, _) => Task.FromResult(s.DeleteSeries(p)));
        Map(app, "/tags/{**tag}", ["GET"], (s, p, r) => s.TagDetailsAsync((string)r.RouteValues["tag"]!, p));
    }

    private static void Map(IEndpointRouteBuilder app, string pattern, string[] allowed,
        Func<TagsService, RequestParameters, HttpRequest, Task<ApiResponse>> handle) =>
        app.MapMethods(pattern, AnyMethod, async (HttpRequest r, TagsService s) =>
            allowed.Contains(r.Method)
                ? (await handle(s, await HttpParameters.ReadAsync(r), r)).ToResult()
                : new ApiResponse(StatusCodes.Status405MethodNotAllowed, ApiResponse.Html, "").ToResult());
}
