using System.Collections.Concurrent;
using Tsdb.Core;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// Batches travel listener → channel → storage writer and come back here once written, so a flood does not
/// allocate three arrays per thousand points (tens of MB/s of garbage at a million points per second).
/// Retains batches up to <see cref="MaxRetainedPoints"/> of capacity in all (24 MB); beyond that returned batches
/// are left to the GC. Bounded by capacity, not by count: five thousand collectl connections that flush in the
/// same instant each hold a batch of about a hundred points (connections waiting on the full channel keep theirs),
/// and every one of them must come back here. Counted in batches, a thousand kept, the other four thousand were
/// allocated anew every second (about 100 MB/s), and lived long enough, waiting for the channel, to be promoted.
/// </summary>
internal static class PointBatchPool
{
    private const long MaxRetainedPoints = 1 << 20;
    private static readonly ConcurrentQueue<PointBatch> Free = new();
    private static long _retainedPoints;

    /// <summary>Points the retained batches can hold in all (at most <see cref="MaxRetainedPoints"/>).</summary>
    public static long RetainedPoints => Interlocked.Read(ref _retainedPoints);

    /// <summary>An empty batch: a returned one (of any capacity), or a new one of <paramref name="capacity"/>.</summary>
    public static PointBatch Rent(int capacity)
    {
        if (!Free.TryDequeue(out PointBatch? batch)) return new PointBatch(capacity);
        Interlocked.Add(ref _retainedPoints, -batch.Capacity);
        return batch;
    }

    /// <summary>Hands a batch back. Contract: nobody holds it any more (the store does not keep batches).</summary>
    public static void Return(PointBatch batch)
    {
        if (Interlocked.Add(ref _retainedPoints, batch.Capacity) > MaxRetainedPoints)
        {
            Interlocked.Add(ref _retainedPoints, -batch.Capacity);
            return;
        }
        batch.Clear();
        batch.ArrivalTime = 0;
        Free.Enqueue(batch);
    }
}
