namespace Tsdb.Query.Model;

/// <summary>
/// A series' tags, ordered like the Python dict graphite-web builds (insertion order), values always strings.
/// </summary>
public sealed class Tags
{
    private readonly OrderedDictionary<string, string> _items = new(StringComparer.Ordinal);

    public int Count => _items.Count;
    public IEnumerable<KeyValuePair<string, string>> Items => _items;

    public string? this[string key]
    {
        get => _items.TryGetValue(key, out var v) ? v : null;
        set
        {
            if (value is null) _items.Remove(key);
            else _items[key] = value;
        }
    }

    public bool ContainsKey(string key) => _items.ContainsKey(key);
    public bool Remove(string key) => _items.Remove(key);

    public Tags Clone()
    {
        var t = new Tags();
        foreach (var kv in _items) t._items[kv.Key] = kv.Value;
        return t;
    }

    /// <summary>
    /// The tags graphite-web's TimeSeries constructor gives a new series without explicit tags: a name that
    /// looks function-wrapped (letters, "(", anything, ")" at the end, e.g. "percentileOfSeries(a;b=c,50)")
    /// is not parsed and keeps {"name": name}; any other name is <see cref="Parse"/>d.
    /// </summary>
    public static Tags ForNewSeries(string name)
    {
        if (LooksFunctionWrapped(name))
        {
            var t = new Tags();
            t._items["name"] = name;
            return t;
        }
        return Parse(name);
    }

    /// <summary>
    /// graphite-web TaggedSeries.parse (carbon form) for a series name: 'name;t1=v1;t2=v2' gives the tags
    /// in the order written followed by 'name' (leading '~' stripped); a plain name gives {"name": name}.
    /// A name that TaggedSeries would refuse (an empty tag or value, ';!^=' in a tag, a value starting
    /// with '~', nothing left of the name) is treated as plain, as the constructor's except clause does.
    /// </summary>
    public static Tags Parse(string name)
    {
        var t = new Tags();
        int semi = name.IndexOf(';');
        if (semi > 0)
        {
            var segs = name.Split(';');
            string metric = segs[0].TrimStart('~');
            bool ok = metric.Length > 0;
            var pairs = new List<KeyValuePair<string, string>>();
            for (int i = 1; ok && i < segs.Length; i++)
            {
                int eq = segs[i].IndexOf('=');
                if (eq <= 0 || eq == segs[i].Length - 1) { ok = false; break; }
                string tag = segs[i][..eq], value = segs[i][(eq + 1)..];
                if (tag.AsSpan().IndexOfAny("!^") >= 0 || value[0] == '~') { ok = false; break; }
                pairs.Add(new(tag, value));
            }
            if (ok)
            {
                foreach (var kv in pairs) t._items[kv.Key] = kv.Value;
                t._items["name"] = metric;
                return t;
            }
        }
        t._items["name"] = name;
        return t;
    }

    /// <summary>re.match('^[a-z]+[(].+[)]$', name, re.IGNORECASE) of graphite-web's TimeSeries constructor.</summary>
    private static bool LooksFunctionWrapped(string name)
    {
        int i = 0;
        while (i < name.Length && char.IsAsciiLetter(name[i])) i++;
        return i > 0 && i < name.Length && name[i] == '(' && name.Length - i >= 3 && name[^1] == ')';
    }
}
