using Tsdb.Protocols;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// What one parsed plaintext line does, for TCP and UDP alike: an accepted point is batched and added to the
/// caller's tally, which the caller adds to the counters once per read or datagram (one interlocked add per
/// read instead of one per line, before the points are handed to the channel); a NaN value is counted as
/// dropped (carbon drops it silently); a bad name or line is counted and its reason returned so the caller can
/// log it (sampled) with the raw bytes it holds.
/// </summary>
internal static class ParsedLineOutcome
{
    /// <summary>Returns null for an accepted or NaN-dropped point, else the reason to log.</summary>
    public static string? Apply(PointParseStatus status, in ParsedPoint point, long arrivalTime,
        BatchWriter batches, IngestionCounters counters, ref int accepted)
    {
        switch (status)
        {
            case PointParseStatus.Accepted:
                batches.Add(point.Name, point.Series, point.Timestamp, point.Value, arrivalTime);
                accepted++;
                return null;
            case PointParseStatus.DroppedNaN:
                counters.AddPointsDroppedNaN(1);
                return null;
            case PointParseStatus.InvalidName:
                counters.AddNamesInvalid(1);
                return "invalid metric name";
            default:
                counters.AddLinesInvalid(1);
                return "invalid line";
        }
    }
}
