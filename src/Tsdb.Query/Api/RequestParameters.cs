namespace Tsdb.Query.Api;

/// <summary>
/// Request parameters as Django's merged QueryDict (request.GET.copy().update(request.POST)):
/// values of a repeated key concatenate, query string first; single reads take the last value.
/// </summary>
public sealed class RequestParameters
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];

    public RequestParameters(IEnumerable<KeyValuePair<string, string>> query, IEnumerable<KeyValuePair<string, string>>? form = null)
    {
        foreach (var (k, v) in query) Add(k, v);
        foreach (var (k, v) in form ?? []) Add(k, v);
    }

    public RequestParameters(IReadOnlyDictionary<string, IReadOnlyList<string>> query,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? form = null)
        : this(Flatten(query), form is null ? null : Flatten(form))
    {
    }

    public static RequestParameters Empty { get; } = new(Array.Empty<KeyValuePair<string, string>>());

    /// <summary>Keys in first-seen order.</summary>
    public IReadOnlyList<string> Keys => _keys;

    public bool Contains(string key) => _values.ContainsKey(key);

    /// <summary>The last value of <paramref name="key"/>, or null when absent.</summary>
    public string? Get(string key) => _values.TryGetValue(key, out var list) ? list[^1] : null;

    public IReadOnlyList<string> GetAll(string key) => _values.TryGetValue(key, out var list) ? list : [];

    private void Add(string key, string value)
    {
        if (!_values.TryGetValue(key, out var list))
        {
            _values[key] = list = [];
            _keys.Add(key);
        }
        list.Add(value);
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(IReadOnlyDictionary<string, IReadOnlyList<string>> d) =>
        d.SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string>(kv.Key, v)));
}
