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
        { "collectl integers", Enumerable.Range(0, 720).ToArray(), Enumerable.Range(0, 720).Select(i => i % 8 == 0 ? 4096.0 - i : 0).ToArray() },
        { "large drifting integers", Enumerable.Range(0, 100).ToArray(), Enumerable.Range(0, 100).Select(i => 23614328.0 + (i * 7919 % 1025) - 512).ToArray() },
        { "hundredths", Enumerable.Range(0, 300).ToArray(), Enumerable.Range(0, 300).Select(i => (50 + i % 13 - 6) / 100.0).ToArray() },
        { "negative decimals", [0, 1, 2, 3], [-0.5, -12.25, 3.75, -1e6] },
        { "rollup averages", Enumerable.Range(0, 60).ToArray(), Enumerable.Range(0, 60).Select(i => (i * 37 % 1000) / 60.0).ToArray() },
        { "integers with a negative zero", [0, 1, 2], [1, -0.0, 2] },
        { "beyond 2^53", [0, 1], [9007199254740993.0 * 4, 1] },
        { "integers with one irrational", [0, 1, 2, 3], [1, 2, Math.PI, 4] },
    };

    [Theory]
    [MemberData(nameof(Chunks))]
    public void Round_trips(string name, int[] offsets, double[] values)
    {
        using var chunk = new SeriesChunk(7200, 10);
        for (int i = 0; i < offsets.Length; i++) chunk.SetOffset(offsets[i], values[i]);
        using var decoded = ChunkCodec.Decode(ChunkCodec.Encode(chunk), 7200, 10);
        Assert.True(offsets.AsSpan().SequenceEqual(decoded.Offsets), name);
        Assert.True(values.AsSpan().SequenceEqual(decoded.Values), name);
        Assert.False(decoded.IsDirty);
    }

    [Fact]
    public void Steady_series_costs_under_one_byte_per_point()
    {
        using var chunk = new SeriesChunk(0, 1);
        for (int i = 0; i < 720; i++) chunk.SetOffset(i, 100.0);
        Assert.True(ChunkCodec.Encode(chunk).Length < 720 / 4);
    }

    [Fact]
    public void Collectl_integers_cost_less_than_xor()
    {
        using var chunk = new SeriesChunk(0, 1);
        for (int i = 0; i < 720; i++) chunk.SetOffset(i, 90 + i * 7 % 5);
        Assert.True(ChunkCodec.Encode(chunk).Length < 720 * 6 / 8);
        using var decimals = new SeriesChunk(0, 1);
        for (int i = 0; i < 720; i++) decimals.SetOffset(i, (50 + i * 7 % 5) / 100.0);
        Assert.True(ChunkCodec.Encode(decimals).Length < 720 * 6 / 8);
    }

    [Fact]
    public void Version_1_chunks_still_decode()
    {
        // Written by version 1: offsets 0, 10, 20 (constant stride), values 42, 42, 43.5 as a Gorilla XOR stream.
        byte[] v1 = [0x01, 0x03, 0x00, 0x02, 0x90, 0x11, 0x40, 0x00, 0x00, 0x00, 0x00, 0x00, 0x1C, 0x01, 0xC0];
        using var chunk = ChunkCodec.Decode(v1, 7200, 10);
        Assert.Equal([0, 10, 20], chunk.Offsets.ToArray());
        Assert.Equal([42.0, 42.0, 43.5], chunk.Values.ToArray());
    }

    [Fact]
    public void Out_of_order_sets_keep_slots_sorted_and_last_write_wins()
    {
        using var chunk = new SeriesChunk(0, 60);
        chunk.Set(600, 1);
        chunk.Set(60, 2);
        chunk.Set(300, 3);
        chunk.Set(60, 4);
        Assert.Equal([1, 5, 10], chunk.Offsets.ToArray());
        Assert.Equal([4.0, 3.0, 1.0], chunk.Values.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 3, 0 })]
    [InlineData(new byte[] { 2, 2, 0, 0x80 })]
    [InlineData(new byte[] { 1, 3, 0 })]
    public void Damaged_bytes_are_rejected(byte[] data)
    {
        Assert.Throws<InvalidDataException>(() => ChunkCodec.Decode(data, 0, 1));
        Assert.Throws<InvalidDataException>(() => ChunkCodec.DecodeInto(data, 0, 1, 720, 0, new double[720]));
    }

    [Theory]
    [MemberData(nameof(Chunks))]
    public void DecodeInto_writes_what_Decode_and_CopyTo_give(string name, int[] offsets, double[] values)
    {
        using var chunk = new SeriesChunk(7200, 10);
        for (int i = 0; i < offsets.Length; i++) chunk.SetOffset(offsets[i], values[i]);
        var bytes = ChunkCodec.Encode(chunk);
        // Ranges before, across, inside and after the window [7200, 14400) of 10 s slots.
        foreach (var (first, length) in new[] { (0L, 720), (7200L, 720), (3600L, 720), (10000L, 100), (14400L - 50, 720), (14400L, 10), (7200L - 10, 722) })
        {
            var expected = new double[length];
            var actual = new double[length];
            Array.Fill(expected, double.NaN);
            Array.Fill(actual, double.NaN);
            using (var decoded = ChunkCodec.Decode(bytes, 7200, 10)) decoded.CopyTo(first, expected);
            ChunkCodec.DecodeInto(bytes, 7200, 10, 720, first, actual);
            Assert.True(expected.AsSpan().SequenceEqual(actual), $"{name} from {first}");
        }
    }

    [Fact]
    public void Wide_and_changing_delta_widths_round_trip_and_every_truncation_is_rejected()
    {
        // Scaled integers whose deltas need 1..53 bits, so codes cross the 64-bit window and the data's end.
        var random = new Random(5);
        using var chunk = new SeriesChunk(0, 1);
        for (int i = 0; i < 720; i++)
            chunk.SetOffset(i, random.Next(4) == 0 ? 0 : Math.Round((random.NextDouble() - 0.5) * Math.Pow(2, random.Next(1, 53))));
        var bytes = ChunkCodec.Encode(chunk);
        var output = new double[720];
        ChunkCodec.DecodeInto(bytes, 0, 1, 720, 0, output);
        Assert.True(chunk.Values.SequenceEqual(output));
        using (var decoded = ChunkCodec.Decode(bytes, 0, 1)) Assert.True(chunk.Values.SequenceEqual(decoded.Values));
        Array.Fill(output, double.NaN);
        for (int length = 0; length < bytes.Length; length++)
        {
            var cut = bytes.AsSpan(0, length).ToArray();
            Assert.Throws<InvalidDataException>(() => ChunkCodec.DecodeInto(cut, 0, 1, 720, 0, output));
            Assert.All(output, v => Assert.True(double.IsNaN(v))); // nothing half-decoded is left in the slots
        }
    }

    [Fact]
    public void DecodeInto_refuses_a_slot_beyond_the_window()
    {
        using var chunk = new SeriesChunk(0, 1);
        chunk.SetOffset(700, 1);
        var bytes = ChunkCodec.Encode(chunk);
        var output = new double[1000];
        Assert.Throws<InvalidDataException>(() => ChunkCodec.DecodeInto(bytes, 0, 1, 600, 0, output));
        Assert.All(output, v => Assert.Equal(0, v));
    }
}
