using Tsdb.Core;
using Tsdb.Core.Naming;

namespace Tsdb.Query.Tests.Support;

/// <summary>
/// IMetricReader test double: names in a <see cref="MetricNameTree"/>, points per name at a fixed step.
/// Fetch follows whisper's interval rule (from exclusive, until inclusive: both rounded down to the step,
/// then one step added) and returns NaN where no point was written; an unknown name is null.
/// </summary>
public sealed class InMemoryMetricStore : IMetricReader
{
    private readonly MetricNameTree _tree = new();
    private readonly Dictionary<string, (long Step, Dictionary<long, double> Points)> _series = new(StringComparer.Ordinal);

    /// <summary>Adds points at start, start+step, ...; NaN values are left unwritten.</summary>
    public InMemoryMetricStore Add(string name, long start, long step, params double[] values)
    {
        _tree.Add(name);
        if (!_series.TryGetValue(name, out var s)) _series[name] = s = (step, new Dictionary<long, double>());
        for (int i = 0; i < values.Length; i++)
            if (!double.IsNaN(values[i])) s.Points[start + i * step] = values[i];
        return this;
    }

    public IReadOnlyList<MetricNode> Find(string pattern) => _tree.Find(pattern);

    /// <summary>The tree's leaf count, as the real store's: answers of finds are reused until a name is added.</summary>
    public long? NamesGeneration => _tree.LeafCount;

    public SeriesFetchResult? Fetch(string name, long from, long until, long now)
    {
        if (!_series.TryGetValue(name, out var s)) return null;
        long step = s.Step;
        long start = from - Mod(from, step) + step;
        long end = until - Mod(until, step) + step;
        var values = new double[Math.Max(0, (end - start) / step)];
        for (int i = 0; i < values.Length; i++)
            values[i] = s.Points.TryGetValue(start + i * step, out var v) ? v : double.NaN;
        return new SeriesFetchResult(start, end, step, values);
    }

    public IReadOnlyList<string> AllLeafPaths() => _tree.AllLeaves();

    private static long Mod(long a, long b) => ((a % b) + b) % b;
}
