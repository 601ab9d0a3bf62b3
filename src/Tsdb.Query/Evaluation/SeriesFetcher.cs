using System.Runtime.ExceptionServices;
using Tsdb.Core;
using Tsdb.Query.Cluster;
using Tsdb.Query.Expressions;
using Tsdb.Query.Model;

namespace Tsdb.Query.Evaluation;

/// <summary>
/// graphite-web's prefetch + fetchData (render/datalib.py, storage.py): a path pattern or a raw
/// seriesByTag(...) text becomes one series per matching leaf, sorted by name, pathExpression = the pattern.
/// Each (pattern, from, until, now) is read from the store once per request; every call gets series of its
/// own because functions may change the series they are given: copies, except the last of the reads the
/// targets announce (<see cref="ExpectReads"/>), which gets the fetched series themselves.
/// With <paramref name="peers"/> the series of every cluster member are merged in (graphite-web
/// prefetchData + _merge_results): <see cref="PrefetchAsync"/> asks the peers for all patterns at once
/// before evaluation, without holding a thread while they answer; a pattern not prefetched for a range
/// (a function asking for another range, e.g. timeShift, a moving window's bootstrap) is asked for alone
/// when it is first read, and that read waits for the peers on the evaluating thread, as graphite-web's does.
/// Before anything is read, the local leaves of every prefetched pattern are expanded and, when the reader
/// enforces limits (<see cref="IFetchReservations"/>), announced all at once, so a request over a limit is
/// refused before its first fetch; a pattern first met during evaluation is announced alone before its fetches.
/// </summary>
public sealed class SeriesFetcher(IMetricReader reader, ISeriesByTagResolver? tagResolver = null, IClusterPeers? peers = null)
{
    private readonly Dictionary<(string, long, long, long), List<TimeSeries>> _cache = new();
    private readonly Dictionary<(string, long, long, long), List<PeerSeries>> _remote = new();
    private readonly Dictionary<(string, long, long, long), List<string>> _planned = new();
    private readonly Dictionary<(string, long, long, long), int> _expected = new();
    private readonly IFetchReservations? _reservations = reader as IFetchReservations;
    private readonly SortedSet<string> _missingPeers = new(StringComparer.Ordinal);

    /// <summary>Peers that failed or timed out during this request's fetches.</summary>
    public IReadOnlyCollection<string> MissingPeers => _missingPeers;

    /// <summary>Asks every peer, in one call each, for the patterns not yet fetched for the context's range.</summary>
    public async Task PrefetchAsync(IEnumerable<string> patterns, EvaluationContext context)
    {
        var distinct = patterns.Distinct(StringComparer.Ordinal).ToList();
        Plan(distinct, context);
        if (peers is null) return;
        var todo = distinct.Where(p => !_remote.ContainsKey((p, context.From, context.Until, context.Now))).ToList();
        if (todo.Count == 0) return;
        var answer = await peers.FetchAsync(todo, context.From, context.Until, context.Now).ConfigureAwait(false);
        _missingPeers.UnionWith(answer.MissingPeers);
        foreach (var pattern in todo) _remote[(pattern, context.From, context.Until, context.Now)] = [];
        foreach (var series in answer.Value)
            if (_remote.TryGetValue((series.PathExpression, context.From, context.Until, context.Now), out var list))
                list.Add(series);
    }

    /// <summary>
    /// Announces how often each pattern will be read for the context's range (once per occurrence in the
    /// targets). The last announced read of a pattern gets the fetched series themselves instead of copies,
    /// so a pattern read once costs no copy; a read beyond the announced ones reads the store again.
    /// </summary>
    public void ExpectReads(IEnumerable<string> patterns, EvaluationContext context)
    {
        foreach (var pattern in patterns)
        {
            var key = (pattern, context.From, context.Until, context.Now);
            _expected[key] = _expected.GetValueOrDefault(key) + 1;
        }
    }

    public List<TimeSeries> Fetch(string pattern, EvaluationContext context)
    {
        var key = (pattern, context.From, context.Until, context.Now);
        if (_expected.TryGetValue(key, out int left))
        {
            if (left > 1) _expected[key] = left - 1;
            else
            {
                _expected.Remove(key);
                // The last announced read: the series are handed over and no longer cached.
                return _cache.Remove(key, out var owned) ? owned : Read(pattern, context);
            }
        }
        if (!_cache.TryGetValue(key, out var fetched))
        {
            fetched = Read(pattern, context);
            _cache[key] = fetched;
        }
        return fetched.Select(s => s.Copy()).ToList();
    }

    /// <summary>
    /// Expands the patterns not yet read or planned for the context's range to their local leaves and announces
    /// all of those leaves to the reader at once, before any of them is fetched.
    /// </summary>
    private void Plan(IEnumerable<string> patterns, EvaluationContext context)
    {
        List<string>? announced = null;
        foreach (var pattern in patterns)
        {
            var key = (pattern, context.From, context.Until, context.Now);
            if (_cache.ContainsKey(key) || _planned.ContainsKey(key)) continue;
            var names = Names(pattern).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            _planned[key] = names;
            if (_reservations is not null) (announced ??= []).AddRange(names);
        }
        if (announced is { Count: > 0 }) _reservations!.Reserve(announced, context.From, context.Until, context.Now);
    }

    private List<TimeSeries> Read(string pattern, EvaluationContext context)
    {
        var key = (pattern, context.From, context.Until, context.Now);
        Plan([pattern], context);
        var names = _planned[key];
        _planned.Remove(key);
        var fetched = FetchAll(names, context);
        var local = new List<PeerSeries>(names.Count);
        for (int i = 0; i < names.Count; i++)
            if (fetched[i] is { } data) local.Add(new PeerSeries(pattern, names[i], data.Start, data.End, data.Step, data.Values));
        IEnumerable<PeerSeries> all = local;
        if (peers is not null)
        {
            if (!_remote.ContainsKey((pattern, context.From, context.Until, context.Now)))
                PrefetchAsync([pattern], context).GetAwaiter().GetResult();
            all = SeriesMerge.Merge(local.Concat(_remote[(pattern, context.From, context.Until, context.Now)]));
        }
        return all.Select(s => new TimeSeries(s.Name, s.Start, s.End, s.Step, s.Values, pattern)
        {
            XFilesFactor = context.XFilesFactor,
        }).ToList();
    }

    /// <summary>Series fetched in parallel when there are several: reading stored chunks (decoding them) is most
    /// of a panel's time, and the reader is safe for concurrent fetches (requests already run side by side).
    /// Results keep the order of <paramref name="names"/>; the first failure (a limit refusal, a timeout) is
    /// rethrown as itself, not wrapped.</summary>
    private SeriesFetchResult?[] FetchAll(List<string> names, EvaluationContext context)
    {
        var results = new SeriesFetchResult?[names.Count];
        if (names.Count < 2)
        {
            for (int i = 0; i < names.Count; i++) results[i] = reader.Fetch(names[i], context.From, context.Until, context.Now);
            return results;
        }
        try
        {
            Parallel.For(0, names.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
                i => results[i] = reader.Fetch(names[i], context.From, context.Until, context.Now));
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
        return results;
    }

    private IEnumerable<string> Names(string pattern)
    {
        if (!pattern.StartsWith("seriesByTag(", StringComparison.Ordinal))
            return reader.FindLeaves(pattern);
        if (tagResolver is null) return [];
        // Only the string arguments are tag expressions (storage.py _tag_patterns).
        var call = TargetParser.Parse(pattern) as CallExpression;
        var exprs = call?.Args.OfType<StringLiteral>().Select(a => a.Value).ToList() ?? [];
        return tagResolver.FindSeries(exprs);
    }
}
