using Tsdb.Storage.Chunks;

namespace Tsdb.Storage.Tests;

/// <summary>The chunk's two representations (dense while slots are contiguous, sparse after a gap or an
/// out-of-order write) and the writes it publishes without the owner's lock.</summary>
public sealed class SeriesChunkTests
{
    private static double[] Copy(SeriesChunk chunk, int slots)
    {
        var output = new double[slots];
        Array.Fill(output, double.NaN);
        chunk.CopyTo(chunk.WindowStart, output);
        return output;
    }

    /// <summary>The writer's pattern: published when it can be, else under the owner's lock.</summary>
    private static void Write(SeriesChunk chunk, long timestamp, double value)
    {
        if (!chunk.TrySetPublished(timestamp, value)) lock (chunk) chunk.Set(timestamp, value);
    }

    [Fact]
    public void Contiguous_appends_stay_dense_and_replace_in_place()
    {
        using var chunk = new SeriesChunk(600, 10, initialCapacity: 6);
        for (int i = 3; i < 9; i++) Assert.True(chunk.TrySetPublished(600 + i * 10, i));
        Assert.True(chunk.TrySetPublished(650, -5));
        chunk.Set(660, -6);
        Assert.True(chunk.IsDense);
        Assert.Equal([3, 4, 5, 6, 7, 8], chunk.Offsets.ToArray());
        Assert.Equal([3.0, 4, -5, -6, 7, 8], chunk.Values.ToArray());
        Assert.Equal(3, chunk.FirstOffset);
        Assert.Equal([double.NaN, double.NaN, double.NaN, 3, 4, -5, -6, 7, 8, double.NaN], Copy(chunk, 10));
        Assert.Equal((1, 4), chunk.IndexRange(4, 7));
        Assert.Equal((0, 0), chunk.IndexRange(0, 2));
        Assert.Equal((6, 6), chunk.IndexRange(9, 20));
        Assert.Equal((2, 2), chunk.IndexRange(5, 4));
    }

    /// <summary>Growing moves the values, so it is not published: an append into a full chunk waits for the lock.</summary>
    [Fact]
    public void An_append_into_a_full_chunk_grows_under_the_lock()
    {
        using var chunk = new SeriesChunk(0, 1, initialCapacity: 2);
        Assert.True(chunk.TrySetPublished(0, 0));
        Assert.True(chunk.TrySetPublished(1, 1));
        Assert.Equal(16, chunk.NativeBytes);
        Assert.False(chunk.TrySetPublished(2, 2));
        Assert.Equal(2, chunk.Count);
        chunk.Set(2, 2);
        Assert.True(chunk.NativeBytes >= 24);
        Assert.True(chunk.TrySetPublished(1, -1));
        Assert.Equal([0.0, -1, 2], chunk.Values.ToArray());
        Assert.True(chunk.IsDense);
    }

    /// <summary>The owner frees the values as it drops the chunk: afterwards it reads as empty and refuses writes.</summary>
    [Fact]
    public void A_disposed_chunk_is_empty_and_refuses_writes()
    {
        var chunk = new SeriesChunk(0, 1, initialCapacity: 4);
        for (int i = 0; i < 3; i++) Write(chunk, i, i);
        chunk.Dispose();
        chunk.Dispose();
        Assert.Equal(0, chunk.Count);
        Assert.Equal(0, chunk.NativeBytes);
        Assert.True(chunk.Values.IsEmpty);
        Assert.Equal([double.NaN, double.NaN, double.NaN], Copy(chunk, 3));
        Assert.False(chunk.TrySetPublished(0, 1));
        Assert.Throws<ObjectDisposedException>(() => chunk.Set(0, 1));
    }

    /// <summary>A 720-slot window held 1,024 slots once full (doubled from 512), and every series of a fleet that
    /// started together allocated them in the same second.</summary>
    [Theory]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(15)]
    public void Growth_stops_at_the_slots_of_the_window(int initialCapacity)
    {
        using var dense = new SeriesChunk(0, 1, initialCapacity, maxCapacity: 720);
        using var sparse = new SeriesChunk(0, 1, initialCapacity, maxCapacity: 720);
        sparse.Set(719, -1);
        for (int i = 0; i < 720; i++)
        {
            Write(dense, i, i);
            if (i < 719) sparse.Set(i, i);
        }

        Assert.Equal(8 * 720, dense.NativeBytes);
        Assert.Equal(SeriesChunk.ObjectBytes, dense.ManagedBytes);
        Assert.Equal(8 * 720, sparse.NativeBytes);
        Assert.Equal(SeriesChunk.ObjectBytes + 24 + 4 * 720, sparse.ManagedBytes);
        Assert.Equal(Enumerable.Range(0, 720).Select(i => (double)i), Copy(dense, 720));
        Assert.Equal(Enumerable.Range(0, 719).Select(i => (double)i).Append(-1), Copy(sparse, 720));
    }

    /// <summary>Chunks of different seeds that start together grow at different slots: 2,000 chunks filled slot by
    /// slot, as a fleet's series fill their windows, never grow more than a small share of themselves at one slot
    /// (doubling from one first size grew every one of them at the same slots).</summary>
    [Fact]
    public void Chunks_of_different_seeds_grow_at_different_slots()
    {
        const int Chunks = 2000, Slots = 720;
        var growths = new int[Slots];
        for (int seed = 0; seed < Chunks; seed++)
        {
            using var chunk = new SeriesChunk(0, 1, initialCapacity: 8, maxCapacity: Slots, growthSeed: seed);
            long held = chunk.NativeBytes;
            for (int slot = 0; slot < Slots; slot++)
            {
                Write(chunk, slot, slot);
                if (chunk.NativeBytes != held) growths[slot]++;
                held = chunk.NativeBytes;
            }
            Assert.Equal(8 * Slots, chunk.NativeBytes);
            Assert.Equal(Enumerable.Range(0, Slots).Select(i => (double)i), Copy(chunk, Slots));
        }
        // Every chunk grows at slot 8 (its first size), and the next growths (small arrays) fall on a few slots; from
        // slot 64 on, where the arrays are large, no slot grows more than a twentieth of the chunks.
        Assert.Equal(Chunks, growths[8]);
        Assert.True(growths.Skip(64).Max() <= Chunks / 20, $"{growths.Skip(64).Max()} of {Chunks} grew at one slot");
        Assert.True(growths.Skip(64).Count(n => n > 0) >= 200, $"growth spread over {growths.Skip(64).Count(n => n > 0)} slots");
    }

    [Fact]
    public void A_gap_makes_the_chunk_sparse()
    {
        using var chunk = new SeriesChunk(0, 1, initialCapacity: 8);
        for (int i = 0; i < 4; i++) chunk.Set(i, i);
        Assert.False(chunk.TrySetPublished(6, 6));
        Assert.True(chunk.IsDense);
        chunk.Set(6, 6);
        Assert.False(chunk.IsDense);
        Assert.True(chunk.TrySetPublished(7, 7));
        Assert.True(chunk.TrySetPublished(2, 20));
        Assert.False(chunk.TrySetPublished(5, 5));
        Assert.Equal([0, 1, 2, 3, 6, 7], chunk.Offsets.ToArray());
        Assert.Equal([0.0, 1, 20, 3, 6, 7], chunk.Values.ToArray());
        Assert.Equal([0.0, 1, 20, 3, double.NaN, double.NaN, 6, 7], Copy(chunk, 8));
    }

    [Fact]
    public void A_write_before_the_first_slot_makes_the_chunk_sparse()
    {
        using var chunk = new SeriesChunk(0, 60);
        chunk.Set(600, 10);
        chunk.Set(660, 11);
        Assert.False(chunk.TrySetPublished(540, 9));
        chunk.Set(540, 9);
        Assert.False(chunk.IsDense);
        Assert.Equal([9, 10, 11], chunk.Offsets.ToArray());
        Assert.Equal([9.0, 10, 11], chunk.Values.ToArray());
        Assert.Equal(9, chunk.FirstOffset);
        Assert.Equal((0, 2), chunk.IndexRange(0, 11));
    }

    [Fact]
    public void Dense_chunks_encode_as_the_same_slots_held_sparse()
    {
        using var dense = new SeriesChunk(0, 1);
        using var sparse = new SeriesChunk(0, 1);
        for (int i = 5; i < 50; i++) dense.Set(i, i * 1.5);
        for (int i = 6; i < 50; i++) sparse.Set(i, i * 1.5);
        sparse.Set(5, 7.5);
        Assert.True(dense.IsDense);
        Assert.False(sparse.IsDense);
        var bytes = ChunkCodec.Encode(dense);
        Assert.Equal(ChunkCodec.Encode(sparse), bytes);
        using var decoded = ChunkCodec.Decode(bytes, 0, 1);
        Assert.True(decoded.IsDense);
        Assert.Equal(dense.Offsets.ToArray(), decoded.Offsets.ToArray());
        Assert.Equal(dense.Values.ToArray(), decoded.Values.ToArray());

        using var single = new SeriesChunk(0, 1);
        single.Set(3, 1);
        using var singleDecoded = ChunkCodec.Decode(ChunkCodec.Encode(single), 0, 1);
        Assert.Equal([3], singleDecoded.Offsets.ToArray());
    }

    /// <summary>A reader copying under the lock while the writer appends and replaces without it, and grows and
    /// inserts under it: every copied slot is unset or holds one of the values written to it.</summary>
    [Fact]
    public async Task Readers_under_the_lock_see_consistent_slots_while_the_writer_publishes()
    {
        const int Slots = 4096;
        var gate = new object();
        using var chunk = new SeriesChunk(0, 1, initialCapacity: 1);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            var output = new double[Slots];
            int reads = 0;
            while (!stop.IsCancellationRequested || reads == 0)
            {
                Array.Fill(output, double.NaN);
                lock (gate) chunk.CopyTo(0, output);
                for (int slot = 0; slot < Slots; slot++)
                {
                    double v = output[slot];
                    Assert.True(double.IsNaN(v) || v == slot || v == -slot, $"slot {slot} = {v}");
                }
                reads++;
            }
        });
        void Write(int slot, double value)
        {
            if (!chunk.TrySetPublished(slot, value)) lock (gate) chunk.Set(slot, value);
        }
        // dense appends from slot 100, replaces, then a gap (sparse), sparse appends, and inserts before them.
        for (int slot = 100; slot < 2000; slot++)
        {
            Write(slot, slot);
            if (slot % 3 == 0) Write(slot - 50 < 100 ? slot : slot - 50, -(slot - 50 < 100 ? slot : slot - 50));
        }
        for (int slot = 2100; slot < Slots; slot++) Write(slot, slot);
        for (int slot = 0; slot < 100; slot++) Write(slot, slot);
        stop.Cancel();
        await reader;
        var all = Copy(chunk, Slots);
        for (int slot = 0; slot < Slots; slot++)
            Assert.True(slot is >= 2000 and < 2100 ? double.IsNaN(all[slot]) : Math.Abs(all[slot]) == slot, $"slot {slot}");
    }
}
