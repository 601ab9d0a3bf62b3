using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;
using Tsdb.Query.Time;

namespace Tsdb.Query.Api;

/// <summary>
/// The /render options graphite-web's parseOptions reads (render/views.py). Times are epoch seconds;
/// Format is null when none was asked for (graphite-web would draw a PNG).
/// </summary>
public sealed record RenderRequest(
    IReadOnlyList<string> Targets,
    long From,
    long Until,
    long Now,
    TimeZoneInfo TimeZone,
    string? Format,
    int? MaxDataPoints,
    bool NoNullPoints,
    string? Jsonp,
    bool Pretty,
    double XFilesFactor,
    IReadOnlyDictionary<string, string> TemplateParams,
    int CacheTimeout,
    bool NoCache,
    bool LocalOnly)
{
    /// <summary>graphType: "line" (the default) or "pie"; a pie is always drawn as an image.</summary>
    public string GraphType { get; init; } = "line";

    /// <summary>pieMode of a pie graph (average, maximum or minimum): how a series becomes one slice.</summary>
    public string PieMode { get; init; } = "average";

    /// <summary>The graph options for an image answer (png, svg, pdf); null when the request is not for an image.</summary>
    public Graphs.GraphParams? Graph { get; init; }

    /// <summary>Whether the answer is an image: a pie, or no text format asked for (graphite-web's default is a PNG).</summary>
    public bool IsImage => GraphType == "pie" || Format is not ("json" or "csv" or "raw" or "dygraph" or "rickshaw" or "pickle" or "msgpack");

    /// <summary>The image's outputFormat: svg or pdf when asked for, else png.</summary>
    public string ImageFormat => Format is "svg" or "pdf" ? Format : "png";

    /// <summary>graphite-web DEFAULT_CACHE_DURATION.</summary>
    public const int DefaultCacheTimeout = 60;

    /// <summary>
    /// Parses merged request parameters. <paramref name="wallClock"/> stands in for datetime.now() when
    /// 'now' is absent. A bad value throws a QueryException with graphite-web's message.
    /// </summary>
    public static RenderRequest Parse(RequestParameters p, DateTimeOffset wallClock, TimeZoneInfo? defaultTimeZone = null)
    {
        string graphType = p.Get("graphType") ?? "line";
        if (graphType is not ("line" or "pie"))
            throw new QueryException($"Invalid graphType '{graphType}', must be one of ['line', 'pie']");
        int cacheTimeout = (int)Checked(() => PythonParse.Int(p.Get("cacheTimeout") ?? DefaultCacheTimeout.ToString()));

        var targets = p.GetAll("target").Count > 0 ? p.GetAll("target") : p.GetAll("target[]");
        var template = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in p.Keys)
            if (key.StartsWith("template[", StringComparison.Ordinal) && key.Length >= 10)
                template[key[9..^1]] = p.Get(key)!;

        string? format = null;
        if (p.Contains("pickle")) format = "pickle";
        if (p.Contains("rawData")) format = "raw";
        string? jsonp = null;
        if (p.Contains("format"))
        {
            format = p.Get("format");
            jsonp = p.Get("jsonp");
        }
        // Django truthiness: any non-empty value, "0" included.
        bool pretty = !string.IsNullOrEmpty(p.Get("pretty"));
        int? maxDataPoints = null;
        string? mdp = p.Get("maxDataPoints");
        if (mdp is { Length: > 0 } && mdp.All(char.IsAsciiDigit) && int.TryParse(mdp, out var m)) maxDataPoints = m;

        var tz = TimeZones.Resolve(p.Get("tz"), defaultTimeZone);
        var now = p.Get("now") is { } nowText ? AtTimeParser.Parse(nowText, tz, wallClock) : wallClock;
        var until = p.Get("until") is { } untilText ? AtTimeParser.Parse(untilText, tz, now) : now;
        var from = AtTimeParser.Parse(p.Get("from") ?? "-1d", tz, now);
        var start = from < until ? from : until;
        var end = from < until ? until : from;
        if (start == end) throw new QueryException("Invalid empty time range");

        double xff = Checked(() => PythonParse.Float(p.Get("xFilesFactor") ?? "0"));
        bool noCache = p.Contains("noCache") || cacheTimeout == 0;
        var request = new RenderRequest(targets, start.ToUnixTimeSeconds(), end.ToUnixTimeSeconds(), now.ToUnixTimeSeconds(), tz,
            format, maxDataPoints, p.Contains("noNullPoints"), jsonp, pretty, xff, template, cacheTimeout, noCache,
            p.Get("local") == "1") { GraphType = graphType, PieMode = p.Get("pieMode") ?? "average" };
        return request.IsImage ? request with { Graph = Graphs.GraphParams.Parse(p, graphType == "pie", request.ImageFormat) } : request;
    }

    private static T Checked<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new QueryException(e.Message);
        }
    }
}
