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

    /// <summary>The request's xFilesFactor (graphite-web DEFAULT_XFILES_FACTOR = 0).</summary>
    public double XFilesFactor { get; init; }

    /// <summary>The events store the events() function reads; null = no events.</summary>
    public Tsdb.Core.Events.IEventReader? Events { get; init; }

    /// <summary>template[NAME]=value request parameters.</summary>
    public IReadOnlyDictionary<string, string> TemplateParams { get; init; } = new Dictionary<string, string>();

    /// <summary>Evaluates an expression with this context but another [from, until]. Set by the evaluator.</summary>
    public required Func<Expression, long, long, List<TimeSeries>> EvaluateInRange { get; init; }

    /// <summary>Looks up a registered function by name or alias (for callbacks such as groupByNode's).</summary>
    public required Func<string, Functions.RenderFunction?> ResolveFunction { get; init; }
}
