namespace Tsdb.Protocols.Pickle;

// The Python values a restricted unpickle can produce, as .NET objects:
// None -> null, bool -> bool, int -> long or System.Numerics.BigInteger, float -> double,
// str -> string, bytes/bytearray -> byte[], tuple -> object?[], list -> List<object?>,
// dict -> PickleDict, set/frozenset -> PickleSet.

/// <summary>A Python dict: insertion-ordered, later keys replace earlier equal ones (hashed lookup).</summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> _items = [];
    private readonly Dictionary<object, int> _index = new(PickleEquality.Instance!);
    private int _noneIndex = -1;

    public IReadOnlyList<KeyValuePair<object?, object?>> Items => _items;

    public void Set(object? key, object? value)
    {
        int existing = key is null ? _noneIndex : _index.GetValueOrDefault(key, -1);
        if (existing >= 0)
        {
            _items[existing] = new(_items[existing].Key, value);
            return;
        }
        if (key is null) _noneIndex = _items.Count;
        else _index[key] = _items.Count;
        _items.Add(new(key, value));
    }
}

/// <summary>A Python set or frozenset, keeping first-insertion order (hashed lookup).</summary>
public sealed class PickleSet
{
    private readonly List<object?> _items = [];
    private readonly HashSet<object> _seen = new(PickleEquality.Instance!);
    private bool _hasNone;

    public IReadOnlyList<object?> Items => _items;

    public void Add(object? item)
    {
        if (item is null ? _hasNone : !_seen.Add(item)) return;
        if (item is null) _hasNone = true;
        _items.Add(item);
    }
}
