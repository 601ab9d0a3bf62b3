using Tsdb.Core;
using Tsdb.Ingestion.Internal;

namespace Tsdb.Ingestion.Tests;

/// <summary>
/// The pool is bounded by the points its batches can hold, not by their count: five thousand collectl connections
/// that flush in the same instant each hold a small batch, and all of them must be reused at the next second.
/// Counted in batches (a thousand), four thousand new batches of 1,024 points were allocated every second.
/// In the allocation collection: the pool is shared by the whole process, and these counts need it to themselves.
/// </summary>
[Collection(nameof(ProcessAllocationCollection))]
public class PointBatchPoolTests
{
    [Fact]
    public void Five_thousand_collectl_sized_batches_all_come_back_for_the_next_second()
    {
        Drain();
        var first = RentFilled(5_000, points: 104);
        foreach (var batch in first) PointBatchPool.Return(batch);

        var second = RentFilled(5_000, points: 104);
        foreach (var batch in second) PointBatchPool.Return(batch);

        Assert.Equal(5_000, second.Intersect(first, ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void Batches_past_the_bound_in_points_are_left_to_the_collector_and_the_rest_are_reused_empty()
    {
        // 2,048 batches grown to 1,024 points are twice the bound (2^20 points): half are kept.
        Drain();
        var big = RentFilled(2_048, points: 1_024);
        foreach (var batch in big) PointBatchPool.Return(batch);

        var again = Enumerable.Range(0, 2_048).Select(_ => PointBatchPool.Rent(128)).ToList();
        Assert.Equal(1_024, again.Intersect(big, ReferenceEqualityComparer.Instance).Count());
        Assert.Equal(0, PointBatchPool.RetainedPoints);
        Assert.All(again, batch => Assert.Equal(0, batch.Count));
        foreach (var batch in again) PointBatchPool.Return(batch);
    }

    /// <summary>Empties the pool of what earlier tests returned.</summary>
    private static void Drain()
    {
        while (PointBatchPool.RetainedPoints > 0) PointBatchPool.Rent(128);
    }

    private static List<PointBatch> RentFilled(int batches, int points)
    {
        var rented = new List<PointBatch>(batches);
        for (int b = 0; b < batches; b++)
        {
            var batch = PointBatchPool.Rent(128);
            for (int p = 0; p < points; p++) batch.Add("node.metric", 1_700_000_000 + p, p);
            rented.Add(batch);
        }
        return rented;
    }
}
