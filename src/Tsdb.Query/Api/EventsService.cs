using System.Text.Json;
using Tsdb.Core.Events;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;
using Tsdb.Query.Time;

namespace Tsdb.Query.Api;

/// <summary>
/// graphite-web's events views (events/views.py) without HTTP. Event JSON in get_data is
/// {"when": int, "what", "data", "tags": [..], "id"} (as_dict's key order); the detail view writes `when` as an
/// ISO date. Deliberate differences: times in get_data are relative to the request's `now` when given (our
/// reproducibility rule; graphite-web uses the wall clock), a malformed event body is 400 rather than 500,
/// and DELETE of one event exists (graphite-web deletes through its admin site only).
/// </summary>
public sealed class EventsService(IEventStore events, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>POST /events/: body {"what", "tags": list or space-separated string, "when"?, "data"?} →
    /// 200 with an empty body; tags of another type → 400 {"error": ...} (text/html, as graphite-web).</summary>
    public ApiResponse Create(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return Error(400, $"invalid JSON: {e.Message}", ApiResponse.Json);
        }
        if (root.ValueKind != JsonValueKind.Object) return Error(400, "the event must be a JSON object", ApiResponse.Json);

        string tagText = "";
        if (root.TryGetProperty("tags", out var tags) && tags.ValueKind != JsonValueKind.Null)
        {
            if (tags.ValueKind == JsonValueKind.String) tagText = tags.GetString()!;
            else if (tags.ValueKind == JsonValueKind.Array && tags.EnumerateArray().All(t => t.ValueKind == JsonValueKind.String))
                tagText = string.Join(' ', tags.EnumerateArray().Select(t => t.GetString()));
            else return Error(400, "\"tags\" must be an array or space-separated string", ApiResponse.Html);
        }
        double when = _clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        if (root.TryGetProperty("when", out var w) && w.ValueKind != JsonValueKind.Null)
        {
            if (w.ValueKind != JsonValueKind.Number || !w.TryGetDouble(out double seconds) || !double.IsFinite(seconds))
                return Error(400, "\"when\" must be a number of epoch seconds", ApiResponse.Json);
            when = seconds;
        }
        try
        {
            events.Add(when, Text(root, "what"), Text(root, "data"),
                tagText.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        }
        catch (IOException e)
        {
            return NotStored(e);
        }
        return new ApiResponse(200, ApiResponse.Html, "");
    }

    /// <summary>GET /events/get_data: from (default epoch 0), until (default now), both inclusive;
    /// `tags` space-separated; `set` = union | intersection (default: all tags), all from the query string
    /// <paramref name="p"/> (graphite-web's fetch reads request.GET: a POSTed form filters nothing); `jsonp`
    /// from the query string or, taking precedence, the <paramref name="form"/> (GET updated with POST).</summary>
    public ApiResponse GetData(RequestParameters p, RequestParameters? form = null)
    {
        List<object?> list;
        try
        {
            var tz = TimeZones.Resolve(p.Get("tz"));
            var now = p.Get("now") is { } n ? AtTimeParser.Parse(n, tz, _clock.GetUtcNow()) : _clock.GetUtcNow();
            long from = p.Get("from") is { } f ? AtTimeParser.Parse(f, tz, now).ToUnixTimeSeconds() : 0;
            long until = (p.Get("until") is { } u ? AtTimeParser.Parse(u, tz, now) : now).ToUnixTimeSeconds();
            var set = p.Get("set") switch
            {
                "union" => EventTagSet.Union,
                "intersection" => EventTagSet.Intersection,
                _ => EventTagSet.All,
            };
            var tags = p.Get("tags")?.Split(' ');
            list = events.Find(from, until, tags, set).Select(e => (object?)Json(e)).ToList();
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest(e.Message);
        }
        string json = PythonJson.Serialize(list);
        return (form?.Get("jsonp") ?? p.Get("jsonp")) is { } callback
            ? new ApiResponse(200, "text/javascript", $"{callback}({json})")
            : new ApiResponse(200, ApiResponse.Json, json);
    }

    /// <summary>GET /events/&lt;id&gt;/: the event (model_to_dict: id first, `when` an ISO date as Django's JSON
    /// encoder writes it), or 404 {"error": "Event matching query does not exist"}.</summary>
    public ApiResponse Detail(long id) => events.Get(id) is { } e
        ? new ApiResponse(200, ApiResponse.Json, PythonJson.Serialize(Json(e, isoWhen: true)))
        : NotFound();

    /// <summary>DELETE /events/&lt;id&gt;/: 200 empty, or 404 as <see cref="Detail"/>.</summary>
    public ApiResponse Delete(long id)
    {
        try
        {
            return events.Delete(id) ? new ApiResponse(200, ApiResponse.Html, "") : NotFound();
        }
        catch (IOException e)
        {
            return NotStored(e);
        }
    }

    /// <summary>A change the store could not make durable (full or failing disk): 503, so a client retries later
    /// instead of taking it as stored (graphite-web answers a database error with a 500 page).</summary>
    private static ApiResponse NotStored(IOException e) => Error(503, "not stored: " + e.Message, ApiResponse.Json);

    private static ApiResponse NotFound() => Error(404, "Event matching query does not exist", ApiResponse.Json);

    /// <summary>get_data's as_dict (an integer epoch `when`, id last); the detail view's model_to_dict puts id
    /// first and writes `when` as DjangoJSONEncoder does.</summary>
    private static JsonObject Json(GraphiteEvent e, bool isoWhen = false)
    {
        var json = new JsonObject();
        if (isoWhen) json.Add("id", e.Id);
        json.Add("when", isoWhen ? DjangoIsoDate(e.Time) : e.When);
        json.Add("what", e.What);
        json.Add("data", e.Data);
        json.Add("tags", e.Tags.Select(t => (object?)t).ToList());
        if (!isoWhen) json.Add("id", e.Id);
        return json;
    }

    /// <summary>Django's JSON encoder on a UTC datetime: ISO 8601, milliseconds only when there is a fraction of a
    /// second (microseconds cut, not rounded), "Z" for UTC. <paramref name="epochSeconds"/> becomes a datetime as
    /// datetime.fromtimestamp does, rounded to the microsecond.</summary>
    private static string DjangoIsoDate(double epochSeconds)
    {
        long micros = (long)Math.Round(epochSeconds * 1e6, MidpointRounding.ToEven);
        var utc = DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
        return utc.ToString(micros % 1_000_000 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'",
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A string field as given; another JSON value as its JSON text; absent or null = "".</summary>
    private static string Text(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? ""
        : v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText();

    private static ApiResponse Error(int status, string message, string contentType) =>
        new(status, contentType, PythonJson.Serialize(new JsonObject { { "error", message } }));
}
