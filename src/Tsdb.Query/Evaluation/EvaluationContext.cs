using Tsdb.Core;
using Tsdb.Query.Expressions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Evaluation;

/// <summary>
/// graphite-web's requestContext: the time range and reference time of the request, the store to read,
/// and a way to evaluate an expression again over another range (timeShift, movingAverage's preview).
/// All times are epoch seconds. Now is the request's 'now' (never the wall clock inside functions, so
/// results are reproducible).
/// </summary>
public sealed class EvaluationContext
{
    public required long From { get; init; }
    public required long Until { get; init; }
    public required long Now { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;
    public required IMetricReader Reader { get; init; }

    /// <summary>
    /// The request's xFilesFactor (graphite-web DEFAULT_XFILES_FACTOR = 0). setXFilesFactor changes it for
    /// everything evaluated after it with this context, later targets included, as graphite-web writes
    /// requestContext['xFilesFactor']; a context made for another range copies the value of that moment.
    /// </summary>
    public double XFilesFactor { get; set; }

    /// <summary>
    /// stacked()'s running totals by stack name (graphite-web requestContext['totalStack']), so a later
    /// stacked() in the same request, another target's included, stacks on top. Null until the first
    /// stacked(); a context made for another range shares the dictionary it had at that moment, as
    /// Python's shallow requestContext.copy() does. A total starts as the Python int 0 and stays one while only
    /// ints are added to it (IsInt).
    /// </summary>
    public Dictionary<string, List<(double Sum, bool IsInt)>>? TotalStack { get; set; }

    /// <summary>
    /// The path expressions graphite-web 1.1.8 prefetches for this evaluation: those of the targets (or of the
    /// re-evaluated expression) outside keyword arguments, since its extractPathExpressions walks only the
    /// positional ones. A path read inside a keyword argument that is not among them is empty there, as
    /// its fetchData finds nothing prefetched: asPercent(x, total=y) sees no total. Null: every path is read.
    /// </summary>
    public IReadOnlySet<string>? PrefetchedPaths { get; set; }

    /// <summary>The events store the events() function reads; null = no events.</summary>
    public Tsdb.Core.Events.IEventReader? Events { get; init; }

    /// <summary>template[NAME]=value request parameters.</summary>
    public IReadOnlyDictionary<string, string> TemplateParams { get; init; } = new Dictionary<string, string>();

    /// <summary>Evaluates an expression with this context but another [from, until]. Set by the evaluator.</summary>
    public required Func<Expression, long, long, List<TimeSeries>> EvaluateInRange { get; init; }

    /// <summary>graphite-web evaluateTarget on a target built while evaluating (applyByNode's template, aliasQuery's
    /// query), over [from, until]: a blank target is skipped there, so it is no series here, not a parse error.</summary>
    public List<TimeSeries> EvaluateTarget(string target, long from, long until) =>
        string.IsNullOrWhiteSpace(target) ? [] : EvaluateInRange(TargetParser.Parse(target), from, until);

    /// <summary>Looks up a registered function by name or alias (for callbacks such as groupByNode's).</summary>
    public required Func<string, Functions.RenderFunction?> ResolveFunction { get; init; }
}
