using System.Collections.Concurrent;
using Tsdb.Core;
using Tsdb.Core.Naming;

namespace Tsdb.Protocols.Naming;

/// <summary>
/// Maps a received metric name (as UTF-16 chars) to its canonical string, so the hot path for a name
/// seen before neither allocates nor re-canonicalizes. Thread-safe: shared by every connection of every
/// listener. Invalid names are remembered too (as invalid). Past <c>maxEntries</c> new names are still
/// resolved correctly but no longer remembered, bounding memory under a flood of unique names.
/// <para>Given the store's <see cref="IKnownMetricNames"/>, a name the store holds resolves to the store's instance,
/// and a canonical name is not remembered here at all (the store holds it once its first point is written): only
/// other spellings and invalid names take entries, so a million series cost no second map.</para>
/// </summary>
public sealed class MetricNameInterner
{
    // Raw spelling -> canonical instance, or null for a name carbon rejects (the string itself is the value:
    // an entry object per name cost 24 bytes per series).
    private readonly ConcurrentDictionary<string, string?> _byRawName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly int _maxEntries;
    private readonly IKnownMetricNames? _known;

    public MetricNameInterner(int maxEntries = 1_000_000, IKnownMetricNames? known = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxEntries);
        _maxEntries = maxEntries;
        _known = known;
        _bySpan = _byRawName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _byRawName.Count;

    /// <summary>Canonical name for <paramref name="rawName"/>, or false when carbon's rules reject it.</summary>
    public bool TryResolve(ReadOnlySpan<char> rawName, out string canonical) => TryResolve(rawName, out canonical, out _, out NameReuse _);

    /// <summary><see cref="TryResolve(ReadOnlySpan{char}, out string)"/>, also giving the store's handle of the
    /// series (for <see cref="Tsdb.Core.PointBatch.Add"/>) when the store holds it under this very spelling.</summary>
    public bool TryResolve(ReadOnlySpan<char> rawName, out string canonical, out ISeriesHandle? series) =>
        TryResolve(rawName, out canonical, out series, out NameReuse _);

    /// <summary>
    /// <see cref="TryResolve(ReadOnlySpan{char}, out string, out ISeriesHandle?)"/>, also saying how long a caller
    /// may keep answering this spelling with <paramref name="canonical"/> (<see cref="NameReuse"/>). Lets a
    /// per-connection cache skip the lookup.
    /// </summary>
    internal bool TryResolve(ReadOnlySpan<char> rawName, out string canonical, out ISeriesHandle? series, out NameReuse reuse)
    {
        reuse = NameReuse.Remembered;
        // Store keys are canonical (every name reaches the store through this interner or the tags API's
        // canonicalization), so a key equal to the raw text is its canonical form.
        if (_known is not null && _known.TryGetSeries(rawName, out series))
        {
            canonical = series.Name;
            return true;
        }
        series = null;
        if (!_bySpan.TryGetValue(rawName, out string? entry))
        {
            string raw = rawName.ToString();
            entry = !MetricNameCanonicalizer.TryCanonicalize(raw, out string name, out _) ? null
                // A canonical spelling was looked up above, in the store and here (which keeps no canonical names
                // when the store is known): looking it up again cost two more hashes of every new name.
                : _known is not null && ReferenceEquals(name, raw) ? raw
                : Reuse(name);
            // A new canonical name the store will hold is reusable without an entry. Count takes every lock of the
            // dictionary: asked only when the entry would be kept.
            reuse = _known is not null && entry == raw ? NameReuse.Pending
                : _byRawName.Count < _maxEntries ? NameReuse.Remembered : NameReuse.None;
            if (reuse == NameReuse.Remembered)
            {
                entry = _byRawName.GetOrAdd(raw, entry);
                // Canonicalization is idempotent, so the canonical spelling maps to itself (the store's map has it
                // when there is one).
                if (entry is not null && !ReferenceEquals(entry, raw) && _known is null) _byRawName.TryAdd(entry, entry);
            }
        }
        canonical = entry ?? string.Empty;
        return entry is not null;
    }

    // Different spellings of one series (tag order, '~', "a..b") share one canonical string instance.
    private string Reuse(string canonical) =>
        _known is not null && _known.TryGetSeries(canonical, out ISeriesHandle? held) ? held.Name
        : _byRawName.TryGetValue(canonical, out string? known) && known is not null ? known : canonical;
}
