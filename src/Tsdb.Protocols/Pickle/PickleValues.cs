namespace Tsdb.Protocols.Pickle;

// The Python values a restricted unpickle can produce, as .NET objects:
// None -> null, bool -> bool, int -> long or System.Numerics.BigInteger, float -> double,
// str -> string, bytes/bytearray -> byte[], tuple -> object?[], list -> List<object?>,
// dict -> PickleDict, set/frozenset -> PickleSet.

/// <summary>A Python dict: insertion-ordered, later keys replace earlier equal ones.</summary>
public sealed class PickleDict
{
    private readonly List<KeyValuePair<object?, object?>> _items = [];

    public IReadOnlyList<KeyValuePair<object?, object?>> Items => _items;

    public void Set(object? key, object? value)
    {
        for (int i = 0; i < _items.Count; i++)
        {
            if (PickleEquality.AreEqual(_items[i].Key, key))
            {
                _items[i] = new(_items[i].Key, value);
                return;
            }
        }
        _items.Add(new(key, value));
    }
}

/// <summary>A Python set or frozenset, keeping first-insertion order.</summary>
public sealed class PickleSet
{
    private readonly List<object?> _items = [];

    public IReadOnlyList<object?> Items => _items;

    public void Add(object? item)
    {
        foreach (object? existing in _items)
        {
            if (PickleEquality.AreEqual(existing, item)) return;
        }
        _items.Add(item);
    }
}
