using Tsdb.Core;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Api;

/// <summary>
/// /render without HTTP: parse options, evaluate every target, write the asked format. User mistakes are
/// 400 text/html "Invalid parameters (...)" as graphite-web's handleInputParameterError writes them; errors
/// during evaluation add '; targets: "t1, t2"'. Other exceptions propagate (HTTP 500).
/// Formats: json, csv, raw, dygraph, rickshaw; any other (png, svg, pdf, pickle, msgpack) is a 400 here.
/// </summary>
public sealed class RenderService(IMetricReader reader, FunctionRegistry? registry = null,
    ISeriesByTagResolver? tagResolver = null, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The events store the events() function reads; null = no events.</summary>
    public Tsdb.Core.Events.IEventReader? Events { get; init; }

    public ApiResponse Render(RequestParameters parameters)
    {
        RenderRequest request;
        try
        {
            request = RenderRequest.Parse(parameters, _clock.GetUtcNow());
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message})");
        }
        return Render(request);
    }

    public ApiResponse Render(RenderRequest request)
    {
        List<TimeSeries> data;
        try
        {
            data = Evaluate(request);
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message}); targets: \"{string.Join(", ", request.Targets)}\"");
        }
        return Write(data, request);
    }

    /// <summary>The evaluated series of all targets, in target order.</summary>
    public List<TimeSeries> Evaluate(RenderRequest request)
    {
        var evaluator = new Evaluator(reader, registry, tagResolver) { Events = Events };
        var context = evaluator.CreateContext(request.From, request.Until, request.Now, request.TimeZone,
            request.XFilesFactor, request.TemplateParams);
        return evaluator.EvaluateTargets(request.Targets, context);
    }

    private static ApiResponse Write(List<TimeSeries> data, RenderRequest request)
    {
        var (body, contentType) = request.Format switch
        {
            "json" => (RenderFormats.Json(data, request), ApiResponse.Json),
            "csv" => (RenderFormats.Csv(data, request), "text/csv"),
            "raw" => (RenderFormats.Raw(data, request), "text/plain"),
            "dygraph" => (RenderFormats.Dygraph(data, request), ApiResponse.Json),
            "rickshaw" => (RenderFormats.Rickshaw(data, request), ApiResponse.Json),
            _ => ((string?)null, ""),
        };
        if (body is null)
            return ApiResponse.BadRequest($"Invalid parameters (Unsupported render format: {request.Format ?? "png"})");
        // jsonp wraps only the JSON-like formats (csv and raw ignore it upstream).
        if (request.Jsonp is not null && contentType == ApiResponse.Json)
            return new ApiResponse(200, "text/javascript", $"{request.Jsonp}({body})");
        return new ApiResponse(200, contentType, body);
    }
}
