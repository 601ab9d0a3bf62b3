using Tsdb.Core.Tags;
using Tsdb.Query.Formatting;

namespace Tsdb.Query.Api;

/// <summary>
/// graphite-web's tags views (tags/views.py, util.py jsonResponse) without HTTP. Every answer is JSON;
/// `pretty` indents by 2 and sorts keys. A ValueError upstream (bad expression, the empty-string rule, a
/// limit that is not an integer, a missing parameter) is 400 {"error": msg}; any other failure (a path
/// that is not a valid tagged name) is 500 {"error": msg}. Parameters are GET and POST merged by the
/// caller; which methods each endpoint accepts (405 otherwise) is the HTTP module's business.
/// </summary>
public sealed class TagsService(ITagDatabase tags)
{
    /// <summary>/tags: [{"id", "tag"}] sorted; `filter` regex, `limit`.</summary>
    public ApiResponse ListTags(RequestParameters p) => Answer(p, () =>
        tags.ListTags(p.Get("filter"), Limit(p)).Select(TagJson).ToList<object?>());

    /// <summary>/tags/&lt;tag&gt;: {"id", "tag", "values": [{"id", "value", "count"}]} or null.</summary>
    public ApiResponse TagDetails(string tag, RequestParameters p) => Answer(p, () =>
        tags.GetTag(tag, p.Get("filter"), Limit(p)) is { } details
            ? new JsonObject
            {
                { "id", (long)details.Id },
                { "tag", details.Tag },
                { "values", details.Values.Select(v => (object?)new JsonObject
                    { { "id", (long)v.Id }, { "value", v.Value }, { "count", (long)v.Count } }).ToList() },
            }
            : null);

    /// <summary>/tags/findSeries: sorted canonical names; `expr` (or `expr[]`) repeated.</summary>
    public ApiResponse FindSeries(RequestParameters p) => Answer(p, () =>
    {
        var exprs = Expressions(p);
        if (exprs.Count == 0) throw new TagQueryException("no tag expressions specified");
        return Strings(tags.FindSeries(exprs));
    });

    /// <summary>/tags/autoComplete/tags: `expr`..., `tagPrefix`, `limit` (default 100).</summary>
    public ApiResponse AutoCompleteTags(RequestParameters p) => Answer(p, () =>
        Strings(tags.AutoCompleteTags(Expressions(p), p.Get("tagPrefix"), Limit(p) ?? TagIndex.DefaultAutoCompleteLimit)));

    /// <summary>/tags/autoComplete/values: `tag` (required), `expr`..., `valuePrefix`, `limit` (default 100).</summary>
    public ApiResponse AutoCompleteValues(RequestParameters p) => Answer(p, () =>
    {
        string tag = p.Get("tag") is { Length: > 0 } t ? t : throw new TagQueryException("no tag specified");
        return Strings(tags.AutoCompleteValues(Expressions(p), tag, p.Get("valuePrefix"),
            Limit(p) ?? TagIndex.DefaultAutoCompleteLimit));
    });

    /// <summary>/tags/tagSeries (POST): the canonical name of `path`.</summary>
    public ApiResponse TagSeries(RequestParameters p) => Answer(p, () =>
        tags.TagSeries(p.Get("path") is { Length: > 0 } path ? path : throw new TagQueryException("no path specified")));

    /// <summary>/tags/tagMultiSeries (POST): canonical names of every `path` (or `path[]`).</summary>
    public ApiResponse TagMultiSeries(RequestParameters p) => Answer(p, () =>
    {
        var paths = Repeated(p, "path");
        if (paths.Count == 0) throw new TagQueryException("no paths specified");
        return paths.Select(path => (object?)tags.TagSeries(path)).ToList();
    });

    /// <summary>/tags/delSeries (POST): removes every `path` (or `path[]`); answers true.</summary>
    public ApiResponse DeleteSeries(RequestParameters p) => Answer(p, () =>
    {
        var paths = Repeated(p, "path");
        if (paths.Count == 0) throw new TagQueryException("no path specified");
        foreach (var path in paths) tags.DeleteSeries(path);
        return true;
    });

    private static JsonObject TagJson(TagInfo t) => new() { { "id", (long)t.Id }, { "tag", t.Tag } };

    private static List<object?> Strings(IEnumerable<string> items) => items.Select(s => (object?)s).ToList();

    private static IReadOnlyList<string> Expressions(RequestParameters p) => Repeated(p, "expr");

    /// <summary>`name` values, else the jQuery-style `name[]` ones.</summary>
    private static IReadOnlyList<string> Repeated(RequestParameters p, string name) =>
        p.GetAll(name) is { Count: > 0 } plain ? plain : p.GetAll(name + "[]");

    /// <summary>Python int() of `limit`; absent or empty = none.</summary>
    private static int? Limit(RequestParameters p)
    {
        string? text = p.Get("limit");
        if (string.IsNullOrEmpty(text)) return null;
        if (PythonParse.TryInt(text, out long value)) return (int)Math.Clamp(value, int.MinValue, int.MaxValue);
        throw new TagQueryException($"invalid literal for int() with base 10: {PythonRepr.Str(text)}");
    }

    private static ApiResponse Answer(RequestParameters p, Func<object?> body)
    {
        bool pretty = !string.IsNullOrEmpty(p.Get("pretty"));
        try
        {
            return Json(200, body(), pretty);
        }
        catch (TagQueryException e)
        {
            return Json(400, new JsonObject { { "error", e.Message } }, pretty);
        }
        catch (FormatException e)
        {
            return Json(500, new JsonObject { { "error", e.Message } }, pretty);
        }
    }

    private static ApiResponse Json(int status, object? value, bool pretty) =>
        new(status, ApiResponse.Json, PythonJson.Serialize(value, indent: pretty, sortKeys: pretty));
}
