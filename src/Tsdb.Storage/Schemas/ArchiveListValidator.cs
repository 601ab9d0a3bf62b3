namespace Tsdb.Storage.Schemas;

/// <summary>whisper.validateArchiveList (whisper.py): the list is sorted by precision, then each archive
/// must have a strictly coarser successor whose step it divides, which covers strictly more time, and
/// it must hold at least one successor step's worth of points. Zero steps or points are rejected too
/// (whisper would crash on them).</summary>
public static class ArchiveListValidator
{
    /// <returns>null when valid, else whisper's message.</returns>
    public static string? Validate(IReadOnlyList<ArchiveSpec> archives, out IReadOnlyList<ArchiveSpec> sorted)
    {
        var list = archives.OrderBy(a => a.Step).ToArray();
        sorted = list;
        if (list.Length == 0) return "You must specify at least one archive configuration!";
        foreach (var a in list)
            if (a.Step <= 0 || a.Points <= 0) return $"Archive {a} must have a positive precision and point count";
        for (int i = 0; i + 1 < list.Length; i++)
        {
            ArchiveSpec a = list[i], next = list[i + 1];
            if (a.Step >= next.Step)
                return "A Whisper database may not be configured having two archives with the same precision " +
                       $"(archive{i}: {a}, archive{i + 1}: {next})";
            if (next.Step % a.Step != 0)
                return "Higher precision archives' precision must evenly divide all lower precision archives' precision " +
                       $"(archive{i}: {a.Step}, archive{i + 1}: {next.Step})";
            if (next.Retention <= a.Retention)
                return "Lower precision archives must cover larger time intervals than higher precision archives " +
                       $"(archive{i}: {a.Retention} seconds, archive{i + 1}: {next.Retention} seconds)";
            if (a.Points < next.Step / a.Step)
                return "Each archive must have at least enough points to consolidate to the next archive " +
                       $"(archive{i + 1} consolidates {next.Step / a.Step} of archive{i}'s points but it has only {a.Points} total points)";
        }
        return null;
    }
}
