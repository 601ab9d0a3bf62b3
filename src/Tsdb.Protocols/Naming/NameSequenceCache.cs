using Tsdb.Core;

namespace Tsdb.Protocols.Naming;

/// <summary>
/// A per-connection shortcut in front of <see cref="MetricNameInterner"/> for senders that repeat the same names
/// in the same order every interval (collectl, Diamond, load generators): it remembers, for the name resolved
/// last, which name followed it last time, and the parser compares the next raw name against that prediction
/// (one vectorized equality check, no hashing) before asking the interner.
/// <para>Only names the interner lets a caller reuse (<see cref="NameReuse"/>) AND whose raw spelling is the
/// canonical text itself are ever predicted, so a hit can never yield another name than the interner. The instance
/// is the interner's own for a remembered name (it never forgets or replaces an entry, and a name it learns to
/// remember replaces this connection's pending instance); for a new name the store does not hold yet it is the
/// first instance this connection was given, which the store usually adopts with the series' first point.</para>
/// <para>Each remembered name is also the <see cref="SeriesSlot"/> of its series: a point carries the store's handle
/// of the series once the slot holds it (the interner's answer, or what the store's writer put there), else the
/// slot itself, which the writer fills. The name instance then becomes the store's own. So a new series costs
/// this connection no second lookup in the store, however long the store takes to create it.</para>
/// <para>Bounded: past <c>capacity</c> remembered names the cache starts over. When the order keeps changing
/// (<see cref="MispredictionsBeforeSampling"/> wrong predictions in a row) the bookkeeping, a text-keyed
/// lookup per name, is done for only two consecutive names out of every <see cref="SamplePeriod"/>: that still
/// learns a new fixed order within a few rounds, and the first hit returns to learning every name.</para>
/// Not thread-safe: one per parser.
/// </summary>
internal sealed class NameSequenceCache
{
    public const int DefaultCapacity = 100_000;
    internal const int MispredictionsBeforeSampling = 32;
    internal const int SamplePeriod = 16;

    private readonly MetricNameInterner _names;
    private readonly int _capacity;
    private readonly Dictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private Node? _last;
    private int _mispredictions;
    private uint _sampleTick;

    public NameSequenceCache(MetricNameInterner names, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _names = names;
        _capacity = capacity;
    }

    /// <summary>Names remembered (for tests).</summary>
    public int Count => _nodes.Count;

    /// <summary>The canonical name expected next, or null when there is no prediction.</summary>
    public string? Predicted => _last?.Next?.Name;

    /// <summary>The incoming raw name had exactly the text of <see cref="Predicted"/>.</summary>
    /// <returns>The predicted name (the store's instance once the store holds it) and what a point of it carries
    /// for the store (<see cref="Node.Handle"/>).</returns>
    public string AcceptPrediction(out object series)
    {
        var node = _last!.Next!;
        _last = node;
        _mispredictions = 0;
        series = node.Handle();
        return node.Name;
    }

    /// <summary>True while the order keeps changing and only sampled names are learnt (for tests).</summary>
    public bool Sampling => _mispredictions >= MispredictionsBeforeSampling;

    /// <summary>Prediction first, then the interner; <paramref name="series"/> is what a point of the name carries
    /// for the store (see <see cref="Tsdb.Core.PointBatch.Series"/>).</summary>
    public bool TryResolve(ReadOnlySpan<char> rawName, out string canonical, out object? series)
    {
        string? predicted = Predicted;
        if (predicted is not null && rawName.SequenceEqual(predicted))
        {
            canonical = AcceptPrediction(out series);
            return true;
        }
        return ResolveMiss(rawName, out canonical, out series);
    }

    /// <summary>Asks the interner and records the answer as the successor of the previous name.</summary>
    public bool ResolveMiss(ReadOnlySpan<char> rawName, out string canonical, out object? series)
    {
        if (_last?.Next is not null && _mispredictions < MispredictionsBeforeSampling) _mispredictions++;
        bool valid = _names.TryResolve(rawName, out canonical, out ISeriesHandle? held, out NameReuse reuse);
        series = held;
        if (!valid || reuse == NameReuse.None || _capacity == 0 || (Sampling && _sampleTick++ % SamplePeriod > 1)
            || !rawName.SequenceEqual(canonical))
        {
            // Invalid, not stable, or a spelling other than the canonical text: never predicted, and the chain
            // restarts with the next eligible name.
            _last = null;
            return valid;
        }
        if (!_nodes.TryGetValue(canonical, out Node? node))
        {
            if (_nodes.Count >= _capacity)
            {
                _nodes.Clear();
                _last = null;
            }
            node = new Node(canonical);
            _nodes.Add(canonical, node);
        }
        else if (reuse == NameReuse.Remembered) node.Name = canonical;
        if (held is not null) node.Series = held;
        series = node.Handle();
        canonical = node.Name;
        if (_last is not null) _last.Next = node;
        _last = node;
        return true;
    }

    private sealed class Node(string name) : SeriesSlot
    {
        public string Name = name;
        public Node? Next;

        /// <summary>What a point of this name carries for the store: its series once this slot holds it (adopting
        /// the store's name instance, so the writer takes the handle), else this slot.</summary>
        public object Handle()
        {
            if (Series is not { } held) return this;
            if (!ReferenceEquals(Name, held.Name)) Name = held.Name;
            return held;
        }
    }
}
