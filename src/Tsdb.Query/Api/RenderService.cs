using Tsdb.Protocols.MessagePack;
using Tsdb.Core;
using Tsdb.Protocols.Pickle;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Cluster;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Functions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Api;

/// <summary>
/// /render without HTTP: parse options, evaluate every target, write the asked format. User mistakes are
/// 400 text/html "Invalid parameters (...)" as graphite-web's handleInputParameterError writes them; errors
/// during evaluation add '; targets: "t1, t2"'. Other exceptions propagate (HTTP 500).
/// Formats: json, csv, raw, dygraph, rickshaw, pickle, msgpack; any other (png, svg, pdf) is a 400 here.
/// With <paramref name="peers"/> a request without local=1 reads every cluster member (graphite-web's
/// CLUSTER_SERVERS) and names the members that did not answer in the X-Tsdb-Missing-Peers header.
/// </summary>
public sealed class RenderService(IMetricReader reader, FunctionRegistry? registry = null,
    ISeriesByTagResolver? tagResolver = null, TimeProvider? clock = null, IClusterPeers? peers = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>The events store the events() function reads; null = no events.</summary>
    public Tsdb.Core.Events.IEventReader? Events { get; init; }

    /// <summary><see cref="RenderAsync(RequestParameters)"/> for callers without peers (it then never waits).</summary>
    public ApiResponse Render(RequestParameters parameters) => RenderAsync(parameters).GetAwaiter().GetResult();

    /// <summary>Renders; with peers, their answers are awaited before evaluation, holding no thread meanwhile.</summary>
    public Task<ApiResponse> RenderAsync(RequestParameters parameters)
    {
        RenderRequest request;
        try
        {
            request = RenderRequest.Parse(parameters, _clock.GetUtcNow());
        }
        catch (QueryException e)
        {
            return Task.FromResult(ApiResponse.BadRequest($"Invalid parameters ({e.Message})"));
        }
        return RenderAsync(request);
    }

    public async Task<ApiResponse> RenderAsync(RenderRequest request)
    {
        List<TimeSeries> data;
        var evaluator = new Evaluator(reader, registry, tagResolver, request.LocalOnly ? null : peers) { Events = Events };
        try
        {
            var context = evaluator.CreateContext(request.From, request.Until, request.Now, request.TimeZone,
                request.XFilesFactor, request.TemplateParams);
            data = await evaluator.EvaluateTargetsAsync(request.Targets, context).ConfigureAwait(false);
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message}); targets: \"{string.Join(", ", request.Targets)}\"");
        }
        var response = Write(data, request);
        if (evaluator.MissingPeers.Count == 0) return response;
        return response with { Headers = [.. response.Headers, new(ApiResponse.MissingPeersHeader, string.Join(",", evaluator.MissingPeers))] };
    }

    /// <summary>The evaluated series of all targets, in target order.</summary>
    public List<TimeSeries> Evaluate(RenderRequest request) =>
        Evaluate(new Evaluator(reader, registry, tagResolver, request.LocalOnly ? null : peers) { Events = Events }, request);

    private static List<TimeSeries> Evaluate(Evaluator evaluator, RenderRequest request)
    {
        var context = evaluator.CreateContext(request.From, request.Until, request.Now, request.TimeZone,
            request.XFilesFactor, request.TemplateParams);
        return evaluator.EvaluateTargets(request.Targets, context);
    }

    private static ApiResponse Write(List<TimeSeries> data, RenderRequest request)
    {
        if (request.Format == "pickle")
            return new ApiResponse(200, ApiResponse.Pickle, "") { Bytes = PickleWriter.Serialize(data.Select(s => SeriesInfo(s, request)).ToList()) };
        if (request.Format == "msgpack")
            return new ApiResponse(200, ApiResponse.MsgPack, "") { Bytes = MessagePackPlainWriter.Serialize(data.Select(s => SeriesInfo(s, request)).ToList()) };
        if (request.Format == "json" && !request.Pretty && request.Jsonp is null)
            return new ApiResponse(200, ApiResponse.Json, "") { Utf8Body = RenderFormats.JsonUtf8(data, request) };
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

    /// <summary>
    /// TimeSeries.getInfo (render/datalib.py), what renderViewPickle writes and a cluster front-end reads:
    /// the raw values (None for null, ints where the series holds Python ints), no consolidation.
    /// </summary>
    private static List<KeyValuePair<string, object?>> SeriesInfo(TimeSeries s, RenderRequest request)
    {
        var values = new List<object?>(s.Values.Length);
        for (int i = 0; i < s.Values.Length; i++)
        {
            double v = s.Values[i];
            bool isInt = s.IntegerValues is { } ints && i < ints.Length && ints[i];
            values.Add(double.IsNaN(v) ? null : isInt ? (long)v : v);
        }
        return
        [
            new("name", s.NameIsNone ? null : s.Name), new("start", s.Start), new("end", s.End), new("step", s.Step), new("values", values),
            new("pathExpression", s.PathExpression), new("valuesPerPoint", (long)s.ValuesPerPoint),
            new("consolidationFunc", s.ConsolidationFunc), new("xFilesFactor", s.XFilesFactor ?? request.XFilesFactor),
        ];
    }
}
