using Tsdb.Storage.Chunks;

namespace Tsdb.Storage.Tests;

public sealed class ChunkCodecTests
{
    public static TheoryData<string, int[], double[]> Chunks => new()
    {
        { "empty", [], [] },
        { "single", [5], [1.5] },
        { "constant stride, steady value", Enumerable.Range(0, 72).Select(i => i * 10).ToArray(), Enumerable.Repeat(42.0, 72).ToArray() },
        { "irregular gaps", [0, 1, 5, 300, 301, 719], [1, -2, 3.25, double.PositiveInfinity, double.NegativeInfinity, 0] },
        { "dense with holes", Enumerable.Range(0, 720).Where(i => i % 7 != 3).ToArray(), Enumerable.Range(0, 720).Where(i => i % 7 != 3).Select(i => Math.Sin(i) * 1e6).ToArray() },
        { "extremes", [0, 2], [double.MaxValue, double.Epsilon] },
    };

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Round_trips(string name, int[] offsets, double[] values)
    {
        var chunk = new SeriesChunk(7200, 10);
        for (int i = 0; i < offsets.Length; i++) chunk.SetOffset(offsets[i], values[i]);
        var decoded = ChunkCodec.Decode(ChunkCodec.Encode(chunk), 7200, 10);
        Assert.True(offsets.AsSpan().SequenceEqual(decoded.Offsets), name);
        Assert.True(values.AsSpan().SequenceEqual(decoded.Values), name);
        Assert.False(decoded.IsDirty);
    }

    [Fact]
    public void Steady_series_costs_under_one_byte_per_point()
    {
        var chunk = new SeriesChunk(0, 1);
        for (int i = 0; i < 720; i++) chunk.SetOffset(i, 100.0);
        Assert.True(ChunkCodec.Encode(chunk).Length < 720 / 4);
    }

    [Fact]
    public void Out_of_order_sets_keep_slots_sorted_and_last_write_wins()
    {
        var chunk = new SeriesChunk(0, 60);
        chunk.Set(600, 1);
        chunk.Set(60, 2);
        chunk.Set(300, 3);
        chunk.Set(60, 4);
        Assert.Equal([1, 5, 10], chunk.Offsets.ToArray());
        Assert.Equal([4.0, 3.0, 1.0], chunk.Values.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0 })]
    [InlineData(new byte[] { 1, 3, 0 })]
    public void Damaged_bytes_are_rejected(byte[] data)
    {
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(data, 0, 1));
    }
}
