using Tsdb.Core;
using Tsdb.Query.Expressions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Evaluation;

/// <summary>
/// graphite-web's prefetch + fetchData (render/datalib.py, storage.py): a path pattern or a raw
/// seriesByTag(...) text becomes one series per matching leaf, sorted by name, pathExpression = the pattern.
/// Each (pattern, from, until, now) is read from the store once per request; every call gets fresh
/// copies because functions may change the series they are given.
/// </summary>
public sealed class SeriesFetcher(IMetricReader reader, ISeriesByTagResolver? tagResolver = null)
{
    private readonly Dictionary<(string, long, long, long), List<TimeSeries>> _cache = new();

    public List<TimeSeries> Fetch(string pattern, EvaluationContext context)
    {
        var key = (pattern, context.From, context.Until, context.Now);
        if (!_cache.TryGetValue(key, out var fetched))
        {
            fetched = Read(pattern, context);
            _cache[key] = fetched;
        }
        return fetched.Select(s => s.Copy()).ToList();
    }

    private List<TimeSeries> Read(string pattern, EvaluationContext context)
    {
        var result = new List<TimeSeries>();
        foreach (var name in Names(pattern).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var data = reader.Fetch(name, context.From, context.Until, context.Now);
            if (data is null) continue;
            result.Add(new TimeSeries(name, data.Start, data.End, data.Step, data.Values, pattern)
            {
                XFilesFactor = context.XFilesFactor,
            });
        }
        return result;
    }

    private IEnumerable<string> Names(string pattern)
    {
        if (!pattern.StartsWith("seriesByTag(", StringComparison.Ordinal))
            return reader.Find(pattern).Where(n => n.IsLeaf).Select(n => n.Path);
        if (tagResolver is null) return [];
        // Only the string arguments are tag expressions (storage.py _tag_patterns).
        var call = TargetParser.Parse(pattern) as CallExpression;
        var exprs = call?.Args.OfType<StringLiteral>().Select(a => a.Value).ToList() ?? [];
        return tagResolver.FindSeries(exprs);
    }
}
