namespace Tsdb.Storage.Schemas;

/// <summary>One whisper archive: a slot every <see cref="Step"/> seconds, <see cref="Points"/> slots.</summary>
public readonly record struct ArchiveSpec(int Step, int Points)
{
    /// <summary>Seconds covered (whisper's archive 'retention' = secondsPerPoint * points).</summary>
    public long Retention => (long)Step * Points;

    public override string ToString() => $"{Step}:{Points}";
}
