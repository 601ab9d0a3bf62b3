using Tsdb.Query.Expressions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Functions;

/// <summary>
/// Bound arguments of one call, keyed by parameter name (from the signature).
/// Value types: series/seriesList -> List&lt;TimeSeries&gt;; a 'multiple' param -> List&lt;object?&gt; of its
/// values (for seriesList multiple: each element is a List&lt;TimeSeries&gt;); integer literal -> long;
/// float literal -> double; string; bool; Python None / absent without default -> null.
/// The unevaluated argument expressions are kept for functions that re-evaluate their input
/// over another range (movingAverage, timeShift, ...).
/// </summary>
public sealed class CallArguments
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Expression> _expressions = new(StringComparer.Ordinal);

    /// <summary>The call being evaluated (null when a function is invoked from another function).</summary>
    public CallExpression? Call { get; init; }

    public void Set(string name, object? value, Expression? expression = null)
    {
        _values[name] = value;
        if (expression is not null) _expressions[name] = expression;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public object? this[string name] => _values.TryGetValue(name, out var v) ? v : null;

    public Expression? ExpressionOf(string name) => _expressions.TryGetValue(name, out var e) ? e : null;

    public List<TimeSeries> SeriesList(string name) => this[name] as List<TimeSeries> ?? [];

    /// <summary>All series of a 'multiple' seriesList param, flattened in order.</summary>
    public List<TimeSeries> SeriesLists(string name)
    {
        var result = new List<TimeSeries>();
        if (this[name] is List<object?> lists)
        {
            foreach (var l in lists)
                if (l is List<TimeSeries> s) result.AddRange(s);
        }
        else if (this[name] is List<TimeSeries> single)
        {
            result.AddRange(single);
        }
        return result;
    }

    public List<object?> Multiple(string name) => this[name] as List<object?> ?? [];

    public double? Double(string name) => this[name] switch
    {
        double d => d,
        long l => l,
        int i => i,
        _ => null,
    };

    public long? Long(string name) => this[name] switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        _ => null,
    };

    public string? String(string name) => this[name] as string;

    public bool Bool(string name, bool fallback = false) => this[name] is bool b ? b : fallback;
}
