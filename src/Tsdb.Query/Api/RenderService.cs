using Tsdb.Protocols.MessagePack;
using Tsdb.Core;
using Tsdb.Protocols.Pickle;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Cluster;
using Tsdb.Query.Evaluation;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;
using Tsdb.Query.Graphs;
using Tsdb.Query.Model;

namespace Tsdb.Query.Api;

/// <summary>
/// /render without HTTP: parse options, evaluate every target, write the asked format. User mistakes are
/// 400 text/html "Invalid parameters (...)" as graphite-web's handleInputParameterError writes them; errors
/// during evaluation add '; targets: "t1, t2"'. Other exceptions propagate (HTTP 500).
/// Formats: json, csv, raw, dygraph, rickshaw, pickle, msgpack; any other, or none, is a graph image (png, or
/// svg or pdf when asked for), as is every graphType=pie request. A graph that cannot be drawn with the options
/// given is a 400 here (graphite-web: 500).
/// With <paramref name="peers"/> a request without local=1 reads every cluster member (graphite-web's
/// CLUSTER_SERVERS) and names the members that did not answer in the X-Tsdb-Missing-Peers header.
/// </summary>
public sealed class RenderService(IMetricReader reader, FunctionRegistry? registry = null,
    ISeriesByTagResolver? tagResolver = null, TimeProvider? clock = null, IClusterPeers? peers = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>graphTemplates.conf for images' `template` option; <see cref="GraphTemplates.None"/> when there is none.</summary>
    public GraphTemplates Templates { get; init; } = GraphTemplates.None;

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
        List<(string Name, double Value)>? slices = null;
        var evaluator = new Evaluator(reader, registry, tagResolver, request.LocalOnly ? null : peers) { Events = Events };
        try
        {
            var context = evaluator.CreateContext(request.From, request.Until, request.Now, request.TimeZone,
                request.XFilesFactor, request.TemplateParams);
            if (request.GraphType == "pie")
            {
                slices = await PieSlices.EvaluateAsync(request, evaluator, context).ConfigureAwait(false);
                data = [];
            }
            else data = await evaluator.EvaluateTargetsAsync(request.Targets, context).ConfigureAwait(false);
        }
        catch (QueryException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message}); targets: \"{string.Join(", ", request.Targets)}\"");
        }
        ApiResponse response;
        try
        {
            response = request.IsImage ? GraphImage(data, slices, request, Templates) : Write(data, request);
        }
        catch (GraphException e)
        {
            return ApiResponse.BadRequest($"Invalid parameters ({e.Message})");
        }
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

    /// <summary>renderViewGraph: the graph as png, svg (wrapped by jsonp when asked) or pdf.</summary>
    private static ApiResponse GraphImage(List<TimeSeries> data, List<(string Name, double Value)>? slices, RenderRequest request,
        GraphTemplates templates)
    {
        var options = request.Graph!;
        byte[] image = slices is not null
            ? GraphRenderer.RenderPie(options, slices, templates)
            : GraphRenderer.RenderLine(options, data.Select(s => new GraphSeries(s)).ToList(), request.TimeZone, request.XFilesFactor, templates);
        string format = request.ImageFormat;
        if (format == "svg" && request.Jsonp is not null)
            return new ApiResponse(200, "text/javascript", $"{request.Jsonp}({PythonJson.Serialize(System.Text.Encoding.UTF8.GetString(image))})");
        return new ApiResponse(200, GraphRenderer.ContentType(format), "") { Bytes = image };
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
            _ => throw new InvalidOperationException($"not a text format: {request.Format}"),
        };
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
