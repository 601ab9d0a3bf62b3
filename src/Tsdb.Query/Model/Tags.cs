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
    /// graphite-web TaggedSeries.parse for a series name: 'name;t1=v1;t2=v2' gives the tags in the
    /// order written followed by 'name'; a plain name gives {"name": name}. A name that does not
    /// parse as tagged is treated as plain.
    /// </summary>
    public static Tags Parse(string name)
    {
        var t = new Tags();
        int semi = name.IndexOf(';');
        if (semi > 0)
        {
            var segs = name.Split(';');
            bool ok = true;
            var pairs = new List<KeyValuePair<string, string>>();
            for (int i = 1; i < segs.Length; i++)
            {
                int eq = segs[i].IndexOf('=');
                if (eq <= 0 || eq == segs[i].Length - 1) { ok = false; break; }
                pairs.Add(new(segs[i][..eq], segs[i][(eq + 1)..]));
            }
            if (ok)
            {
                foreach (var kv in pairs) t._items[kv.Key] = kv.Value;
                t._items["name"] = segs[0];
                return t;
            }
        }
        t._items["name"] = name;
        return t;
    }
}
