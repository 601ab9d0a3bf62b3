using System.Text.RegularExpressions;
using Tsdb.Core;
using Tsdb.Query.Cluster;
using Tsdb.Query.Expressions;
using Tsdb.Query.Formatting;
using Tsdb.Query.Functions;
using Tsdb.Query.Functions.Support;
using Tsdb.Query.Model;

namespace Tsdb.Query.Evaluation;

/// <summary>
/// Evaluates render targets (graphite-web render/evaluator.py): paths are fetched through
/// <see cref="SeriesFetcher"/>, calls are resolved in the <see cref="FunctionRegistry"/>, their arguments
/// evaluated left to right and bound by <see cref="ArgumentBinder"/>. One instance per request: it caches
/// fetched series for the request's lifetime.
/// </summary>
public sealed partial class Evaluator
{
    private readonly FunctionRegistry _registry;
    private readonly SeriesFetcher _fetcher;
    private readonly IReadOnlyCollection<string> _aggregatorFunctions;
    private readonly IMetricReader _reader;

    /// <param name="peers">Other cluster members whose series are merged in; null = local data only.</param>
    public Evaluator(IMetricReader reader, FunctionRegistry? registry = null, ISeriesByTagResolver? tagResolver = null,
        IClusterPeers? peers = null)
    {
        _reader = reader;
        _registry = registry ?? FunctionRegistry.Default;
        _fetcher = new SeriesFetcher(reader, tagResolver, peers);
        _aggregatorFunctions = _registry.Names.Where(n => _registry.Find(n)!.Signature.Aggregator).ToList();
    }

    [GeneratedRegex(@"^-?[\d.]+$")]
    private static partial Regex NumericText();

    /// <summary>The events store the events() function reads; null = no events.</summary>
    public Tsdb.Core.Events.IEventReader? Events { get; init; }

    /// <summary>A context for [from, until] whose EvaluateInRange and ResolveFunction use this evaluator.</summary>
    public EvaluationContext CreateContext(long from, long until, long now, TimeZoneInfo? timeZone = null,
        double xFilesFactor = 0, IReadOnlyDictionary<string, string>? templateParams = null,
        Dictionary<string, List<(double Sum, bool IsInt)>>? totalStack = null)
    {
        EvaluationContext? context = null;
        context = new EvaluationContext
        {
            From = from,
            Until = until,
            Now = now,
            TimeZone = timeZone ?? TimeZoneInfo.Utc,
            Reader = _reader,
            Events = Events,
            XFilesFactor = xFilesFactor,
            TotalStack = totalStack,
            TemplateParams = templateParams ?? new Dictionary<string, string>(),
            EvaluateInRange = (expr, f, u) =>
            {
                var inRange = CreateContext(f, u, now, context!.TimeZone, context.XFilesFactor, context.TemplateParams, context.TotalStack);
                inRange.PrefetchedPaths = PathExpressions(expr).ToHashSet(StringComparer.Ordinal);
                return AsSeries(Evaluate(expr, inRange));
            },
            ResolveFunction = _registry.FindSeriesFunction,
        };
        return context;
    }

    /// <summary>Cluster peers that did not answer while this evaluator fetched.</summary>
    public IReadOnlyCollection<string> MissingPeers => _fetcher.MissingPeers;

    /// <summary>
    /// evaluateTarget: every non-blank target parsed and evaluated in order, results concatenated.
    /// As graphite-web's evaluateTarget, the path expressions of all targets are prefetched first, so a
    /// cluster asks each peer once per request; the evaluation then reads the prefetched answers.
    /// </summary>
    public List<TimeSeries> EvaluateTargets(IEnumerable<string> targets, EvaluationContext context) =>
        EvaluateTargetsAsync(targets, context).GetAwaiter().GetResult();

    /// <summary><see cref="EvaluateTargets"/> awaiting the peers' prefetch instead of waiting on the thread.</summary>
    public async Task<List<TimeSeries>> EvaluateTargetsAsync(IEnumerable<string> targets, EvaluationContext context)
    {
        var parsed = targets.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => (Text: t, Expr: TargetParser.Parse(t))).ToList();
        var paths = parsed.SelectMany(t => PathExpressions(t.Expr)).ToList();
        context.PrefetchedPaths = paths.ToHashSet(StringComparer.Ordinal);
        _fetcher.ExpectReads(paths, context);
        await _fetcher.PrefetchAsync(paths, context).ConfigureAwait(false);
        var result = new List<TimeSeries>();
        foreach (var (target, expr) in parsed)
        {
            var value = Evaluate(expr, context);
            if (value is not List<TimeSeries> series)
                throw new QueryException($"Target does not evaluate to a series list: {target}");
            result.AddRange(series);
        }
        return result;
    }

    /// <summary>An expression's value: List&lt;TimeSeries&gt; for paths and calls, a scalar for literals.</summary>
    public object? Evaluate(Expression expression, EvaluationContext context) => Evaluate(expression, context, null, false);

    /// <param name="inKeyword">Inside a keyword argument's value, where only prefetched paths have series.</param>
    private object? Evaluate(Expression expression, EvaluationContext context, IReadOnlyList<KeyValuePair<string, object?>>? replacements,
        bool inKeyword)
    {
        switch (expression)
        {
            case TemplateExpression template:
                return Evaluate(template.Inner, context, TemplateReplacements(template, context), inKeyword);
            case PathExpression path:
                return EvaluatePath(path.Text, context, replacements, inKeyword);
            case CallExpression call:
                return EvaluateCall(call, context, replacements, inKeyword);
            default:
                return Scalar(expression);
        }
    }

    /// <summary>Template values: keyword args, then positional ones as "1", "2", ..., then template[name] params win.</summary>
    private static List<KeyValuePair<string, object?>> TemplateReplacements(TemplateExpression template, EvaluationContext context)
    {
        var values = new List<KeyValuePair<string, object?>>();
        void Put(string name, object? value)
        {
            int i = values.FindIndex(kv => kv.Key == name);
            if (i >= 0) values[i] = new(name, value);
            else values.Add(new(name, value));
        }
        foreach (var kw in template.KwArgs) Put(kw.Key, Scalar(kw.Value));
        for (int i = 0; i < template.Args.Count; i++) Put((i + 1).ToString(), Scalar(template.Args[i]));
        foreach (var kv in context.TemplateParams) Put(kv.Key, kv.Value);
        return values;
    }

    private object? EvaluatePath(string text, EvaluationContext context, IReadOnlyList<KeyValuePair<string, object?>>? replacements,
        bool inKeyword)
    {
        foreach (var (name, value) in replacements ?? [])
        {
            if (text == "$" + name)
            {
                // A whole-path '$name' is the value itself; numeric-looking text becomes a float.
                if (value is not string s) return value;
                return NumericText().IsMatch(s) ? ParseNumeric(s) : s;
            }
            text = text.Replace("$" + name, ReplacementText(value), StringComparison.Ordinal);
        }
        return NotPrefetched(text, context, inKeyword) ? new List<TimeSeries>() : _fetcher.Fetch(text, context);
    }

    private static double ParseNumeric(string s) =>
        PythonParse.TryFloat(s, out var d) ? d : throw new QueryException($"could not convert string to float: {PythonRepr.Str(s)}");

    private static string ReplacementText(object? value) => value switch
    {
        null => "None",
        double d => PythonFormat.Repr(d),
        bool b => b ? "True" : "False",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static bool NotPrefetched(string text, EvaluationContext context, bool inKeyword) =>
        inKeyword && context.PrefetchedPaths is { } prefetched && !prefetched.Contains(text);

    private object? EvaluateCall(CallExpression call, EvaluationContext context, IReadOnlyList<KeyValuePair<string, object?>>? replacements,
        bool inKeyword)
    {
        if (call.Name == "template")
            throw new QueryException("invalid template() syntax, only string/numeric arguments are allowed");
        if (call.Name == "seriesByTag")
            return NotPrefetched(call.Text, context, inKeyword) ? new List<TimeSeries>() : _fetcher.Fetch(call.Text, context);
        var function = _registry.FindSeriesFunction(call.Name)
                       ?? throw new QueryException($"Received request for unknown function: {call.Name}");
        var args = call.Args.Select(a => new ArgumentValue(Evaluate(a, context, replacements, inKeyword), a)).ToList();
        var kwargs = call.KwArgs
            .Select(kv => new KeyValuePair<string, ArgumentValue>(kv.Key,
                new ArgumentValue(Evaluate(kv.Value, context, replacements, inKeyword: true), kv.Value)))
            .ToList();
        var bound = ArgumentBinder.Bind(call, function.Signature, args, kwargs, _aggregatorFunctions);
        var answer = function.Evaluate(context, bound);
        NewSeriesFunctions.DropInheritedOptions(function.Signature.Name, answer);
        return answer;
    }

    private static object? Scalar(Expression expression) => expression switch
    {
        NumberLiteral { IsInteger: true } n when long.TryParse(n.Text, out var integer) => integer,
        NumberLiteral n => n.Value,
        StringLiteral s => s.Value,
        BoolLiteral b => b.Value,
        NoneLiteral => null,
        _ => throw new QueryException($"unknown token in target evaluator: {expression.Text}"),
    };

    private static List<TimeSeries> AsSeries(object? value) => value as List<TimeSeries> ?? [];

    /// <summary>
    /// graphite-web 1.1.8 extractPathExpressions: the paths and raw seriesByTag(...) texts of an expression's
    /// positional arguments (keyword arguments are not walked, so what they read is not prefetched).
    /// Template paths are left out: their '$' names are only known while evaluating.
    /// </summary>
    private static IEnumerable<string> PathExpressions(Expression expression) => expression switch
    {
        PathExpression path when !path.Text.Contains('$') => [path.Text],
        CallExpression { Name: "seriesByTag" } call => [call.Text],
        CallExpression call => call.Args.SelectMany(PathExpressions),
        _ => [],
    };
}
