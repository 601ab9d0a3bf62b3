namespace Tsdb.Core.Tags;

/// <summary>
/// In-memory tag index: tag → value → posting set of series ids, plus each series' own tags. A query
/// drives from the expression with the fewest candidate series (an equality is one posting set, a regex
/// is tried once per distinct value of its tag, never once per series) and checks the others against the
/// candidates' own values, so 100,000 series cost no full scan (see TagsQueryBenchmarks). Ids of tags and values are handed out in
/// first-seen order like graphite-web's database ids; a tag stays listed after its last series is removed,
/// as rows of graphite-web's tags_tag table do.
/// Thread-safety: writers and readers may run concurrently (reader/writer lock).
/// </summary>
public sealed class TagIndex
{
    /// <summary>graphite-web settings.TAGDB_AUTOCOMPLETE_LIMIT.</summary>
    public const int DefaultAutoCompleteLimit = 100;

    private sealed class Series(string name, Dictionary<string, string> tags)
    {
        public readonly string Name = name;
        public readonly Dictionary<string, string> Tags = tags;
    }

    private sealed class TagEntry(int id)
    {
        public readonly int Id = id;
        public readonly Dictionary<string, HashSet<int>> Values = new(StringComparer.Ordinal);
    }

    private readonly ReaderWriterLockSlim _lock = new();
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<Series?> _series = [];
    private readonly Stack<int> _freeIds = new();
    private readonly Dictionary<string, TagEntry> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _valueIds = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            _lock.EnterReadLock();
            try { return _ids.Count; }
            finally { _lock.ExitReadLock(); }
        }
    }

    public bool Contains(string name)
    {
        _lock.EnterReadLock();
        try { return _ids.ContainsKey(name); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Adds a canonical name (see <see cref="TaggedName"/>). False when already present or when
    /// the name does not parse as a tagged name.</summary>
    public bool Add(string name)
    {
        var tags = TaggedName.Parse(name);
        if (tags is null) return false;
        _lock.EnterWriteLock();
        try
        {
            if (_ids.ContainsKey(name)) return false;
            int id = _freeIds.Count > 0 ? _freeIds.Pop() : _series.Count;
            var series = new Series(name, new Dictionary<string, string>(tags, StringComparer.Ordinal));
            if (id == _series.Count) _series.Add(series);
            else _series[id] = series;
            _ids[name] = id;
            foreach (var (tag, value) in tags)
            {
                if (!_tags.TryGetValue(tag, out var entry)) _tags[tag] = entry = new TagEntry(_tags.Count + 1);
                if (!entry.Values.TryGetValue(value, out var postings)) entry.Values[value] = postings = [];
                postings.Add(id);
                _valueIds.TryAdd(value, _valueIds.Count + 1);
            }
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    public bool Remove(string name)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_ids.Remove(name, out int id)) return false;
            var series = _series[id]!;
            foreach (var (tag, value) in series.Tags)
            {
                var entry = _tags[tag];
                var postings = entry.Values[value];
                postings.Remove(id);
                if (postings.Count == 0) entry.Values.Remove(value);
            }
            _series[id] = null;
            _freeIds.Push(id);
            return true;
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>graphite-web find_series: names of the series matching every expression, sorted ordinally.</summary>
    public IReadOnlyList<string> FindSeries(IReadOnlyList<string> expressions)
    {
        var parsed = TagExpression.ParseAll(expressions);
        _lock.EnterReadLock();
        try
        {
            return FindLocked(parsed).Select(id => _series[id]!.Name).Order(StringComparer.Ordinal).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private List<int> FindLocked(IReadOnlyList<TagExpression> expressions)
    {
        // The driver is the expression (requiring a value) with the fewest candidate series. Equalities
        // cost one lookup; a regex or inequality costs one test per distinct value of its tag, so it is
        // only expanded when its tag has fewer values than the best candidate set so far. Every other
        // expression is checked on the candidates' own values, once per distinct value.
        List<HashSet<int>>? driver = null;
        int driverSize = int.MaxValue;
        TagExpression? driverExpression = null;
        void Consider(TagExpression e, List<HashSet<int>> sets)
        {
            int size = sets.Sum(set => set.Count);
            if (size < driverSize) (driver, driverSize, driverExpression) = (sets, size, e);
        }
        foreach (var e in expressions)
            if (!e.MatchesEmpty && e.Operator == TagOperator.Equal) Consider(e, Postings(e));
        foreach (var e in expressions.Where(e => !e.MatchesEmpty && e.Operator != TagOperator.Equal)
                     .OrderBy(e => _tags.TryGetValue(e.Tag, out var entry) ? entry.Values.Count : 0))
        {
            int values = _tags.TryGetValue(e.Tag, out var entry) ? entry.Values.Count : 0;
            if (driver is not null && values >= driverSize) break;
            Consider(e, Postings(e));
        }
        if (driverSize == 0) return [];
        var checks = expressions.Where(e => !ReferenceEquals(e, driverExpression))
            .Select(e => (Expression: e, Seen: new Dictionary<string, bool>(StringComparer.Ordinal)))
            .ToList();
        var result = new List<int>();
        foreach (var set in driver!)
        {
            foreach (int id in set)
            {
                var tags = _series[id]!.Tags;
                bool ok = true;
                foreach (var (e, seen) in checks)
                {
                    string value = tags.GetValueOrDefault(e.Tag, "");
                    if (!seen.TryGetValue(value, out bool match)) seen[value] = match = e.Matches(value);
                    if (!match) { ok = false; break; }
                }
                if (ok) result.Add(id);
            }
        }
        return result;
    }

    private List<HashSet<int>> Postings(TagExpression e)
    {
        if (!_tags.TryGetValue(e.Tag, out var entry)) return [];
        if (e.Operator == TagOperator.Equal)
            return entry.Values.TryGetValue(e.Spec, out var exact) ? [exact] : [];
        var sets = new List<HashSet<int>>();
        foreach (var (value, postings) in entry.Values)
            if (e.Matches(value)) sets.Add(postings);
        return sets;
    }

    /// <summary>graphite-web list_tags: tags sorted, filtered by an anchored regex, limited.</summary>
    public IReadOnlyList<TagInfo> ListTags(string? filter = null, int? limit = null)
    {
        var regex = string.IsNullOrEmpty(filter) ? null : TagRegexCache.Anchored(filter);
        _lock.EnterReadLock();
        try
        {
            var tags = _tags.Where(kv => regex is null || regex.IsMatch(kv.Key))
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => new TagInfo(kv.Value.Id, kv.Key));
            return Limit(tags, limit).ToList();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    /// <summary>graphite-web get_tag: null for an unknown tag, else its values that some series carries.</summary>
    public TagDetails? GetTag(string tag, string? valueFilter = null, int? limit = null)
    {
        var regex = string.IsNullOrEmpty(valueFilter) ? null : TagRegexCache.Anchored(valueFilter);
        _lock.EnterReadLock();
        try
        {
            if (!_tags.TryGetValue(tag, out var entry)) return null;
            return new TagDetails(entry.Id, tag, Limit(ValuesLocked(entry, regex), limit).ToList());
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private IEnumerable<TagValueInfo> ValuesLocked(TagEntry entry, System.Text.RegularExpressions.Regex? regex) =>
        entry.Values.Where(kv => regex is null || regex.IsMatch(kv.Key))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new TagValueInfo(_valueIds[kv.Key], kv.Key, kv.Value.Count));

    /// <summary>graphite-web auto_complete_tags + Store.tagdb_auto_complete_tags (tags/base.py, storage.py).</summary>
    public IReadOnlyList<string> AutoCompleteTags(IReadOnlyList<string> expressions, string? tagPrefix, int limit)
    {
        if (expressions.Count == 0)
        {
            string? filter = string.IsNullOrEmpty(tagPrefix) ? null : "^(" + System.Text.RegularExpressions.Regex.Escape(tagPrefix) + ")";
            return Slice(ListTags(filter).Select(t => t.Tag), limit).ToList();
        }
        var parsed = TagExpression.ParseAll(expressions);
        // base.py keeps at most `limit` while collecting: a negative limit collects nothing.
        if (limit < 0) return [];
        var searched = parsed.Select(e => e.Tag).ToHashSet(StringComparer.Ordinal);
        var result = new SortedSet<string>(StringComparer.Ordinal);
        _lock.EnterReadLock();
        try
        {
            foreach (int id in FindLocked(parsed))
                foreach (var tag in _series[id]!.Tags.Keys)
                    if (!searched.Contains(tag) && (string.IsNullOrEmpty(tagPrefix) || tag.StartsWith(tagPrefix, StringComparison.Ordinal)))
                        result.Add(tag);
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return Slice(result, limit).ToList();
    }

    /// <summary>graphite-web auto_complete_values: without expressions the tag's values; with them the
    /// values over the series matching <c>expressions + [tag!=]</c>.</summary>
    public IReadOnlyList<string> AutoCompleteValues(IReadOnlyList<string> expressions, string tag, string? valuePrefix, int limit)
    {
        if (expressions.Count == 0)
        {
            var regex = string.IsNullOrEmpty(valuePrefix) ? null
                : TagRegexCache.Get("^(" + System.Text.RegularExpressions.Regex.Escape(valuePrefix) + ")");
            _lock.EnterReadLock();
            try
            {
                if (!_tags.TryGetValue(tag, out var entry)) return [];
                return Slice(ValuesLocked(entry, regex).Select(v => v.Value), limit).ToList();
            }
            finally
            {
                _lock.ExitReadLock();
            }
        }
        var parsed = TagExpression.ParseAll([.. expressions, tag + "!="]);
        if (limit < 0) return [];
        var result = new SortedSet<string>(StringComparer.Ordinal);
        _lock.EnterReadLock();
        try
        {
            foreach (int id in FindLocked(parsed))
                if (_series[id]!.Tags.TryGetValue(tag, out var value)
                    && (string.IsNullOrEmpty(valuePrefix) || value.StartsWith(valuePrefix, StringComparison.Ordinal)))
                    result.Add(value);
        }
        finally
        {
            _lock.ExitReadLock();
        }
        return Slice(result, limit).ToList();
    }

    /// <summary>SQL LIMIT as graphite-web's database applies it: a negative limit is no limit.</summary>
    private static IEnumerable<T> Limit<T>(IEnumerable<T> items, int? limit) =>
        limit is int n && n >= 0 ? items.Take(n) : items;

    /// <summary>The store's final results[:limit] (graphite-web storage.py): Python slicing, so a negative
    /// limit drops that many from the end.</summary>
    private static IEnumerable<T> Slice<T>(IEnumerable<T> items, int limit)
    {
        if (limit >= 0) return items.Take(limit);
        var list = items.ToList();
        return list.Take(Math.Max(0, list.Count + limit));
    }
}
