using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Tsdb.Storage.Chunks;

/// <summary>
/// Encodes a <see cref="SeriesChunk"/> for the store. Layout (bit stream, MSB first):
/// version byte (2; version 1 chunks are still decoded), varint point count; if non-zero: varint first
/// offset, a 2-bit offset mode (0 = constant stride + varint stride, 1 = varint gap-1 per point,
/// 2 = presence bitmap from the first to the last offset), then the values. Version 2 starts them with a
/// 1-bit value mode: 0 = Gorilla XOR stream as in version 1 (first value raw 64 bits; then '0' for an
/// unchanged value, '10' + meaningful bits inside the previous leading/trailing-zero window, or
/// '11' + 5-bit leading zeros + 6-bit length-1 + the bits); 1 = scaled integers, used when every value
/// is exactly n / scale for integers n (|n| &lt;= 2^53) and one scale (collectl's integers, hundredths,
/// rollup averages): varint scale, zigzag varint first n, then per value the zigzag delta d from the
/// previous n as '0' (d = 0), '10' + d in the previous width, '110' (n = 0, a counter back at rest) or
/// '111' + 6-bit width-1 + d.
/// A steady series costs about 1 bit per point.
/// </summary>
public static class ChunkCodec
{
    private const byte Version = 2;

    /// <summary>Scales tried, smallest first, for the scaled-integer mode: decimals, and the bucket sizes of
    /// rollup averages of such values (sum / 60, sum / 5, sum / 300, ...).</summary>
    private static readonly long[] Scales =
        [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 50, 60, 100, 120, 300, 500, 600, 1000, 3000, 3600, 6000, 10_000,
         30_000, 100_000, 1_000_000];

    public static byte[] Encode(SeriesChunk chunk)
    {
        var values = chunk.Values;
        var w = new BitWriter(16 + values.Length * 2);
        w.WriteBits(Version, 8);
        w.WriteVarint((ulong)values.Length);
        if (values.Length > 0)
        {
            if (chunk.IsDense) WriteContiguousOffsets(ref w, chunk.FirstOffset, values.Length);
            else WriteOffsets(ref w, chunk.Offsets);
            if (ScaleOf(values) is long scale)
            {
                w.WriteBit(true);
                WriteScaled(ref w, values, scale);
            }
            else
            {
                w.WriteBit(false);
                WriteValues(ref w, values);
            }
        }
        return w.Written.ToArray();
    }

    /// <exception cref="InvalidDataException">The bytes are not a chunk of this format.</exception>
    public static SeriesChunk Decode(ReadOnlySpan<byte> data, long windowStart, int step)
    {
        var r = new BitReader(data);
        ulong version = r.ReadBits(8);
        if (version is not (1 or Version)) throw new InvalidDataException("unknown chunk version");
        int count = ReadCount(ref r, data.Length);
        if (count == 0) return new SeriesChunk(windowStart, step, 0);
        var offsets = new int[count];
        var values = new double[count];
        ReadPoints(ref r, version, offsets, values);
        return SeriesChunk.FromSlots(windowStart, step, offsets, values);
    }

    /// <summary>
    /// What <see cref="Decode"/> gives, written straight into <paramref name="output"/>: the value of the slot at
    /// time t goes to output[(t - first) / step] when that index is inside output; slots outside are skipped.
    /// <paramref name="first"/> and <paramref name="windowStart"/> are aligned to <paramref name="step"/>.
    /// A read does not need a chunk object, only its values (decoded into pooled buffers).
    /// </summary>
    /// <exception cref="InvalidDataException">The bytes are not a chunk of this format, or have a slot beyond
    /// the window's <paramref name="windowSlots"/> (it would land in a neighbour's slots). Output slots of the
    /// window may have been written then; they are set back to NaN (missing).</exception>
    public static void DecodeInto(ReadOnlySpan<byte> data, long windowStart, int step, int windowSlots, long first, Span<double> output)
    {
        var r = new BitReader(data);
        ulong version = r.ReadBits(8);
        if (version is not (1 or Version)) throw new InvalidDataException("unknown chunk version");
        int count = ReadCount(ref r, data.Length);
        if (count == 0) return;
        long shift = (windowStart - first) / step;
        if (ContiguousInside(r, count, shift, windowSlots, output.Length) is int firstOffset)
        {
            // The common full window: consecutive slots that all land in output, decoded in place.
            var slots = output.Slice((int)(shift + firstOffset), count);
            try { ReadPoints(ref r, version, [], slots); }
            catch (InvalidDataException) { slots.Fill(double.NaN); throw; }
            return;
        }
        int[] offsets = ArrayPool<int>.Shared.Rent(count);
        double[] values = ArrayPool<double>.Shared.Rent(count);
        try
        {
            ReadPoints(ref r, version, offsets.AsSpan(0, count), values.AsSpan(0, count));
            if ((uint)offsets[count - 1] >= (uint)windowSlots) throw new InvalidDataException("slot beyond the window");
            for (int i = 0; i < count; i++)
            {
                long index = shift + offsets[i];
                if ((ulong)index < (ulong)output.Length) output[(int)index] = values[i];
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
            ArrayPool<double>.Shared.Return(values);
        }
    }

    /// <summary>The first slot offset when the points are consecutive slots (one point, or constant stride 1),
    /// within the window, and all inside output once shifted; else null. Reads a copy of the reader.</summary>
    private static int? ContiguousInside(BitReader r, int count, long shift, int windowSlots, int outputLength)
    {
        long firstOffset = (long)r.ReadVarint();
        bool consecutive = count == 1 || (r.ReadBits(2) == 0 && r.ReadVarint() == 1);
        return consecutive && firstOffset >= 0 && firstOffset + count <= windowSlots && shift + firstOffset >= 0 && shift + firstOffset + count <= outputLength
            ? (int)firstOffset
            : null;
    }

    /// <summary>The point count; every point after the first costs at least one bit, so a count beyond the
    /// data's bits is damage (refused before buffers of that size are taken).</summary>
    private static int ReadCount(ref BitReader r, int dataBytes)
    {
        ulong count = r.ReadVarint();
        if (count > (ulong)dataBytes * 8 + 1) throw new InvalidDataException("point count beyond the data");
        return (int)count;
    }

    /// <summary>Offsets and values; an empty <paramref name="offsets"/> skips the offsets (known consecutive).</summary>
    private static void ReadPoints(ref BitReader r, ulong version, Span<int> offsets, Span<double> values)
    {
        if (offsets.IsEmpty) SkipConsecutiveOffsets(ref r, values.Length);
        else ReadOffsets(ref r, offsets);
        if (version == Version && r.ReadBit()) ReadScaled(ref r, values);
        else ReadValues(ref r, values);
    }

    private static void ReadValues(ref BitReader r, Span<double> values)
    {
        int count = values.Length;
        ulong previous = r.ReadBits(64);
        values[0] = BitConverter.UInt64BitsToDouble(previous);
        int leading = 0, trailing = 0;
        for (int i = 1; i < count; i++)
        {
            if (r.ReadBit())
            {
                if (r.ReadBit())
                {
                    leading = (int)r.ReadBits(5);
                    int length = (int)r.ReadBits(6) + 1;
                    trailing = 64 - leading - length;
                    if (trailing < 0) throw new InvalidDataException("bad value window");
                }
                int meaningful = 64 - leading - trailing;
                previous ^= r.ReadBits(meaningful) << trailing;
            }
            values[i] = BitConverter.UInt64BitsToDouble(previous);
        }
    }

    /// <summary>The first scale s of <see cref="Scales"/> with every value exactly (double)n / s for an
    /// integer |n| &lt;= 2^53 (bit for bit: -0.0, NaN and infinities never qualify); null when none.</summary>
    private static long? ScaleOf(ReadOnlySpan<double> values)
    {
        foreach (long scale in Scales)
        {
            bool exact = true;
            foreach (double v in values)
                if (!TryScale(v, scale, out _)) { exact = false; break; }
            if (exact) return scale;
        }
        return null;
    }

    private static bool TryScale(double value, long scale, out long n)
    {
        double scaled = Math.Round(value * scale);
        n = 0;
        if (!(Math.Abs(scaled) <= MaxScaled)) return false;
        n = (long)scaled;
        return BitConverter.DoubleToInt64Bits(n / (double)scale) == BitConverter.DoubleToInt64Bits(value);
    }

    private const double MaxScaled = 1L << 53;

    private static void WriteScaled(ref BitWriter w, ReadOnlySpan<double> values, long scale)
    {
        w.WriteVarint((ulong)scale);
        TryScale(values[0], scale, out long previous);
        w.WriteVarint(ZigZag(previous));
        int width = 0;
        for (int i = 1; i < values.Length; i++)
        {
            TryScale(values[i], scale, out long n);
            ulong delta = ZigZag(n - previous);
            previous = n;
            if (delta == 0) { w.WriteBit(false); continue; }
            int needed = 64 - BitOperations.LeadingZeroCount(delta);
            bool fits = needed <= width;
            if (n == 0 && !(fits && width <= 1))
            {
                w.WriteBits(0b110, 3);
                continue;
            }
            if (fits)
            {
                w.WriteBits(0b10, 2);
                w.WriteBits(delta, width);
                continue;
            }
            width = needed;
            w.WriteBits(0b111, 3);
            w.WriteBits((ulong)(width - 1), 6);
            w.WriteBits(delta, width);
        }
    }

    /// <summary>
    /// The scaled values' codes. The rest of the chunk is copied with 8 zero bytes after it (on the stack for a
    /// chunk up to 2 KiB), so a 64-bit big-endian load at any code's byte is possible: while the width is at most
    /// <see cref="FastWidth"/> a code ('111' + 6 + width bits at most 57) lies within one load shifted by the bit
    /// offset, and the loop cuts prefix and delta from it with the position in a local; wider codes go through
    /// <see cref="ReadScaledCode"/>. Codes read from the zero padding mean the data ended early: the position
    /// then ends past the data, which the reader's <see cref="BitReader.Position"/> refuses. The integers are kept
    /// in the values' memory and divided by the scale afterwards, a vector at a time.
    /// </summary>
    private static void ReadScaled(ref BitReader r, Span<double> values)
    {
        ulong scaleBits = r.ReadVarint();
        if (scaleBits is 0 or > 1UL << 53) throw new InvalidDataException("bad value scale");
        var integers = MemoryMarshal.Cast<double, long>(values);
        long previous = UnZigZag(r.ReadVarint());
        integers[0] = previous;
        int firstByte = r.Position >> 3;
        var rest = r.Data[firstByte..];
        byte[]? rented = null;
        Span<byte> padded = rest.Length + 8 <= 2048 ? stackalloc byte[2048] : (rented = ArrayPool<byte>.Shared.Rent(rest.Length + 8));
        padded = padded[..(rest.Length + 8)];
        rest.CopyTo(padded);
        padded[rest.Length..].Clear();
        var p = new BitReader(padded);
        p.Position = r.Position - firstByte * 8;
        ref byte bytes = ref MemoryMarshal.GetReference(padded);
        int position = p.Position, width = 0;
        try
        {
            for (int i = 1; i < integers.Length; i++)
            {
                int byteIndex = position >> 3;
                if (byteIndex > rest.Length) throw new InvalidDataException("chunk data ends early");
                if (width > FastWidth)
                {
                    p.Position = position;
                    ReadScaledCode(ref p, ref previous, ref width);
                    position = p.Position;
                    integers[i] = previous;
                    continue;
                }
                ulong window = BinaryPrimitives.ReverseEndianness(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref bytes, byteIndex))) << (position & 7);
                if ((long)window >= 0)
                {
                    position += 1; // '0': unchanged
                }
                else if ((window & (1UL << 62)) == 0)
                {
                    if (width == 0) throw new InvalidDataException("value width used before it is set");
                    previous += UnZigZag((window << 2) >> (64 - width)); // '10' + delta in the previous width
                    position += 2 + width;
                }
                else if ((window & (1UL << 61)) == 0)
                {
                    previous = 0; // '110': back to 0
                    position += 3;
                }
                else if ((int)((window << 3) >> 58) + 1 is int newWidth && newWidth <= FastWidth)
                {
                    width = newWidth; // '111' + 6-bit width - 1 + delta in the new width
                    previous += UnZigZag((window << 9) >> (64 - width));
                    position += 9 + width;
                }
                else
                {
                    p.Position = position; // a width beyond FastWidth: the code may not fit the window
                    ReadScaledCode(ref p, ref previous, ref width);
                    position = p.Position;
                }
                integers[i] = previous;
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
        r.Position = firstByte * 8 + position;
        Unscale(values, scaleBits);
    }

    /// <summary>Widths up to this keep every scaled code within 57 bits (a 64-bit load at any bit offset).</summary>
    private const int FastWidth = 48;

    /// <summary>One scaled value's code at the reader's position, field by field: the codes
    /// <see cref="ReadScaled"/>'s loop leaves out (a width over <see cref="FastWidth"/>), rare.</summary>
    private static void ReadScaledCode(ref BitReader r, ref long previous, ref int width)
    {
        if (!r.ReadBit()) return; // '0': unchanged
        if (!r.ReadBit())
        {
            if (width == 0) throw new InvalidDataException("value width used before it is set");
            previous += UnZigZag(r.ReadBits(width)); // '10' + delta in the previous width
            return;
        }
        if (!r.ReadBit())
        {
            previous = 0; // '110': back to 0
            return;
        }
        width = (int)r.ReadBits(6) + 1; // '111' + 6-bit width - 1 + delta
        previous += UnZigZag(r.ReadBits(width));
    }

    /// <summary>values[i] = (double)n / scale for the integer n stored in values[i]'s bits. Every integer the
    /// encoder wrote is within ±2^53, so its conversion is exact and the vector division rounds as the scalar
    /// one does (IEEE), bit for bit; scale 1 (collectl's integers) needs the conversion only.</summary>
    private static void Unscale(Span<double> values, ulong scaleBits)
    {
        var integers = MemoryMarshal.Cast<double, long>(values);
        double scale = scaleBits;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var vectors = MemoryMarshal.Cast<long, Vector<long>>(integers);
            var results = MemoryMarshal.Cast<double, Vector<double>>(values);
            var divisor = new Vector<double>(scale);
            for (int v = 0; v < vectors.Length; v++)
            {
                var converted = Vector.ConvertToDouble(vectors[v]);
                results[v] = scaleBits == 1 ? converted : converted / divisor;
            }
            i = vectors.Length * Vector<long>.Count;
        }
        for (; i < values.Length; i++) values[i] = integers[i] / scale;
    }

    private static ulong ZigZag(long v) => (ulong)((v << 1) ^ (v >> 63));

    private static long UnZigZag(ulong v) => (long)(v >> 1) ^ -(long)(v & 1);

    /// <summary>What <see cref="WriteOffsets"/> writes for first, first+1, ..., first+count-1 (constant stride 1).</summary>
    private static void WriteContiguousOffsets(ref BitWriter w, int first, int count)
    {
        w.WriteVarint((ulong)first);
        if (count == 1) return;
        w.WriteBits(0, 2);
        w.WriteVarint(1);
    }

    private static void WriteOffsets(ref BitWriter w, ReadOnlySpan<int> offsets)
    {
        w.WriteVarint((ulong)offsets[0]);
        if (offsets.Length == 1) return;
        int stride = offsets[1] - offsets[0];
        bool constant = true;
        for (int i = 2; i < offsets.Length && constant; i++) constant = offsets[i] - offsets[i - 1] == stride;
        if (constant)
        {
            w.WriteBits(0, 2);
            w.WriteVarint((ulong)stride);
            return;
        }
        int span = offsets[^1] - offsets[0] + 1;
        long gapBytes = 0;
        for (int i = 1; i < offsets.Length; i++) gapBytes += VarintLength((ulong)(offsets[i] - offsets[i - 1] - 1));
        if (gapBytes * 8 <= span - 1)
        {
            w.WriteBits(1, 2);
            for (int i = 1; i < offsets.Length; i++) w.WriteVarint((ulong)(offsets[i] - offsets[i - 1] - 1));
            return;
        }
        w.WriteBits(2, 2);
        w.WriteVarint((ulong)span);
        int next = 1;
        for (int slot = 1; slot < span; slot++)
        {
            bool present = next < offsets.Length && offsets[next] == offsets[0] + slot;
            w.WriteBit(present);
            if (present) next++;
        }
    }

    /// <summary>Moves past the offsets of <paramref name="count"/> consecutive slots (first offset, and for more
    /// than one point mode 0 with stride 1).</summary>
    private static void SkipConsecutiveOffsets(ref BitReader r, int count)
    {
        r.ReadVarint();
        if (count == 1) return;
        r.ReadBits(2);
        r.ReadVarint();
    }

    /// <summary>Fills offsets (the point count long) with the slot offsets, strictly increasing.</summary>
    private static void ReadOffsets(ref BitReader r, Span<int> offsets)
    {
        int count = offsets.Length;
        offsets[0] = checked((int)r.ReadVarint());
        if (count == 1) return;
        switch (r.ReadBits(2))
        {
            case 0:
                int stride = checked((int)r.ReadVarint());
                if (stride <= 0) throw new InvalidDataException("bad stride");
                for (int i = 1; i < count; i++) offsets[i] = checked(offsets[i - 1] + stride);
                break;
            case 1:
                for (int i = 1; i < count; i++) offsets[i] = checked(offsets[i - 1] + 1 + (int)r.ReadVarint());
                break;
            case 2:
                int span = checked((int)r.ReadVarint());
                int n = 1;
                for (int slot = 1; slot < span; slot++)
                    if (r.ReadBit())
                    {
                        if (n >= count) throw new InvalidDataException("bitmap has too many points");
                        offsets[n++] = offsets[0] + slot;
                    }
                if (n != count) throw new InvalidDataException("bitmap has too few points");
                break;
            default:
                throw new InvalidDataException("bad offset mode");
        }
    }

    private static void WriteValues(ref BitWriter w, ReadOnlySpan<double> values)
    {
        ulong previous = BitConverter.DoubleToUInt64Bits(values[0]);
        w.WriteBits(previous, 64);
        int leading = -1, trailing = 0;
        for (int i = 1; i < values.Length; i++)
        {
            ulong bits = BitConverter.DoubleToUInt64Bits(values[i]);
            ulong xor = bits ^ previous;
            previous = bits;
            if (xor == 0) { w.WriteBit(false); continue; }
            w.WriteBit(true);
            int lz = Math.Min(31, BitOperations.LeadingZeroCount(xor));
            int tz = BitOperations.TrailingZeroCount(xor);
            if (leading >= 0 && lz >= leading && tz >= trailing)
            {
                w.WriteBit(false);
                w.WriteBits(xor >> trailing, 64 - leading - trailing);
                continue;
            }
            leading = lz;
            trailing = tz;
            int length = 64 - lz - tz;
            w.WriteBit(true);
            w.WriteBits((ulong)lz, 5);
            w.WriteBits((ulong)(length - 1), 6);
            w.WriteBits(xor >> tz, length);
        }
    }

    private static int VarintLength(ulong v)
    {
        int n = 1;
        while (v >= 0x80) { v >>= 7; n++; }
        return n;
    }
}
