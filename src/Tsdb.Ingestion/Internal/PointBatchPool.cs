using System.Collections.Concurrent;
using Tsdb.Core;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// Batches travel listener → channel → storage writer and come back here once written, so a flood does not
/// allocate three arrays per thousand points (tens of MB/s of garbage at a million points per second).
/// Holds at most <see cref="MaxRetained"/> batches; beyond that returned batches are left to the GC. Sized for
/// a thousand connections that flush in the same instant (collectl nodes sending each second): connections
/// waiting on the full channel each hold a batch, and the pool retains only what was once outstanding together.
/// </summary>
internal static class PointBatchPool
{
    private const int MaxRetained = 1024;
    private static readonly ConcurrentQueue<PointBatch> Free = new();

    /// <summary>An empty batch: a returned one, or a new one of <paramref name="capacity"/>.</summary>
    public static PointBatch Rent(int capacity) => Free.TryDequeue(out PointBatch? batch) ? batch : new PointBatch(capacity);

    /// <summary>Hands a batch back. Contract: nobody holds it any more (the store does not keep batches).</summary>
    public static void Return(PointBatch batch)
    {
        if (Free.Count >= MaxRetained) return;
        batch.Clear();
        batch.ArrivalTime = 0;
        Free.Enqueue(batch);
    }
}
