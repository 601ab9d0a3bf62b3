using System.Collections.Concurrent;

namespace Tsdb.Storage.Schemas;

/// <summary>
/// What whisper fixes in a file's header at creation: archives (sorted by step), aggregation method and
/// xFilesFactor. Also the chunk window of each archive: a multiple of the next coarser step, so every
/// rollup bucket lies inside one finer chunk.
/// </summary>
public sealed class SeriesSchema
{
    // Schemas are immutable and few (one per rule combination), while series are many: every series of a
    // combination shares one instance instead of carrying its own copy (~150 bytes per series).
    // Looked up once per new series (also per series recovered at startup), so the key compares the archive
    // list element by element instead of formatting it.
    private static readonly ConcurrentDictionary<SchemaKey, SeriesSchema> Shared = new();

    private readonly record struct SchemaKey(IReadOnlyList<ArchiveSpec> Archives, AggregationMethod Method, float XFilesFactor)
    {
        public bool Equals(SchemaKey other)
        {
            if (Method != other.Method || !XFilesFactor.Equals(other.XFilesFactor) || Archives.Count != other.Archives.Count) return false;
            for (int i = 0; i < Archives.Count; i++)
                if (Archives[i] != other.Archives[i]) return false;
            return true;
        }

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Method);
            hash.Add(XFilesFactor);
            // Indexed, not foreach: this runs for every new series, and an IReadOnlyList's enumerator is boxed.
            for (int i = 0; i < Archives.Count; i++) hash.Add(Archives[i]);
            return hash.ToHashCode();
        }
    }

    /// <summary>The shared schema for these archives, method and xFilesFactor.</summary>
    /// <exception cref="ArgumentException">Invalid archive list (whisper's rules).</exception>
    public static SeriesSchema For(IReadOnlyList<ArchiveSpec> archives, AggregationMethod method, float xFilesFactor) =>
        Shared.GetOrAdd(new SchemaKey(archives, method, xFilesFactor), static key => new SeriesSchema(key.Archives.ToArray(), key.Method, key.XFilesFactor));

    /// <summary>Target slot count of one chunk (before rounding up to the next archive's step).</summary>
    public const int TargetChunkPoints = 720;

    private SeriesSchema(IReadOnlyList<ArchiveSpec> archives, AggregationMethod method, float xFilesFactor)
    {
        var error = ArchiveListValidator.Validate(archives, out var sorted);
        if (error is not null) throw new ArgumentException(error, nameof(archives));
        Archives = sorted;
        Method = method;
        XFilesFactor = xFilesFactor;
        var windows = new long[sorted.Count];
        for (int i = 0; i < sorted.Count; i++)
        {
            long window = (long)sorted[i].Step * TargetChunkPoints;
            if (i + 1 < sorted.Count)
            {
                long next = sorted[i + 1].Step;
                window = (window + next - 1) / next * next;
            }
            windows[i] = window;
        }
        ChunkWindows = Windows = windows;
        Retentions = sorted.Select(a => a.Retention).ToArray();
        Steps = sorted.Select(a => a.Step).ToArray();
    }

    public IReadOnlyList<ArchiveSpec> Archives { get; }
    public AggregationMethod Method { get; }
    public float XFilesFactor { get; }

    /// <summary>Seconds covered by one chunk of each archive.</summary>
    public IReadOnlyList<long> ChunkWindows { get; }

    /// <summary>Retention of each archive in seconds, finest first (the write path routes by it per point).</summary>
    internal long[] Retentions { get; }

    /// <summary>Step of each archive, finest first (the write path aligns by it per point).</summary>
    internal int[] Steps { get; }

    /// <summary><see cref="ChunkWindows"/> as an array (the write path checks its write cursor by it per point).</summary>
    internal long[] Windows { get; }

    /// <summary>whisper's maxRetention: the retention of the coarsest archive.</summary>
    public long MaxRetention => Archives[^1].Retention;

    public override string ToString() =>
        $"{string.Join(",", Archives)} {Method} xff={XFilesFactor}";
}
