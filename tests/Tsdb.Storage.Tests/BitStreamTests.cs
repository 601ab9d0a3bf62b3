using Tsdb.Storage.Chunks;

namespace Tsdb.Storage.Tests;

/// <summary>
/// BitReader reads what BitWriter wrote, field by field, for every width 0..64 at every bit alignment,
/// including the last bytes of the data where the 8-byte fast path cannot load and the reader goes byte by
/// byte; reading past the end throws.
/// </summary>
public sealed class BitStreamTests
{
    [Fact]
    public void Random_fields_of_every_width_read_back_exactly()
    {
        var random = new Random(11);
        for (int run = 0; run < 200; run++)
        {
            var fields = new List<(ulong Value, int Width)>();
            var writer = new BitWriter(16);
            int fieldCount = random.Next(1, 80);
            for (int i = 0; i < fieldCount; i++)
            {
                int width = random.Next(0, 65);
                ulong value = width == 0 ? 0 : (ulong)random.NextInt64() << 1 ^ (ulong)random.Next(2);
                if (width < 64) value &= (1UL << width) - 1;
                fields.Add((value, width));
                if (random.Next(4) == 0) { writer.WriteBit(value != 0); fields[^1] = (value != 0 ? 1UL : 0UL, -1); }
                else writer.WriteBits(value, width);
            }
            var reader = new BitReader(writer.Written);
            foreach (var (value, width) in fields)
            {
                if (width < 0) Assert.Equal(value != 0, reader.ReadBit());
                else Assert.Equal(value, reader.ReadBits(width));
            }
        }
    }

    [Fact]
    public void Varints_read_back_and_reading_past_the_end_throws()
    {
        var writer = new BitWriter(16);
        ulong[] values = [0, 1, 127, 128, 300, ulong.MaxValue, 1UL << 35];
        writer.WriteBits(0b101, 3);
        foreach (var v in values) writer.WriteVarint(v);
        byte[] data = writer.Written.ToArray();
        var reader = new BitReader(data);
        Assert.Equal(0b101UL, reader.ReadBits(3));
        foreach (var v in values) Assert.Equal(v, reader.ReadVarint());
        Assert.Throws<InvalidDataException>(() =>
        {
            var r = new BitReader(data);
            r.ReadBits(data.Length * 8 - 3);
            r.ReadBits(4);
        });
        Assert.Throws<InvalidDataException>(() =>
        {
            var r = new BitReader(data);
            r.ReadBits(data.Length * 8);
            r.ReadBit();
        });
    }
}
