using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Tsdb.Storage.Chunks;

/// <summary>Appends bit fields most-significant bit first into a byte buffer.</summary>
internal struct BitWriter
{
    private byte[] _buffer;
    private int _bitLength;

    public BitWriter(int capacityBytes) => _buffer = new byte[Math.Max(16, capacityBytes)];

    public readonly int ByteLength => (_bitLength + 7) >> 3;

    public void WriteBits(ulong bits, int count)
    {
        while (count > 0)
        {
            int byteIndex = _bitLength >> 3;
            if (byteIndex >= _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int free = 8 - (_bitLength & 7);
            int take = Math.Min(free, count);
            byte chunk = (byte)((bits >> (count - take)) & ((1u << take) - 1));
            _buffer[byteIndex] |= (byte)(chunk << (free - take));
            _bitLength += take;
            count -= take;
        }
    }

    public void WriteBit(bool bit) => WriteBits(bit ? 1UL : 0UL, 1);

    public void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            WriteBits((value & 0x7F) | 0x80, 8);
            value >>= 7;
        }
        WriteBits(value, 8);
    }

    public readonly ReadOnlySpan<byte> Written => _buffer.AsSpan(0, ByteLength);
}

/// <summary>Reads what <see cref="BitWriter"/> wrote; reading past the end throws <see cref="InvalidDataException"/>.</summary>
internal ref struct BitReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _bitPosition;

    /// <summary>The bytes read, for a decoder's unchecked inner loop (it keeps the position in a local and
    /// must stay within the bytes; it hands the position back through <see cref="Position"/>).</summary>
    public readonly ReadOnlySpan<byte> Data => _data;

    /// <summary>The next bit's index.</summary>
    public int Position
    {
        readonly get => _bitPosition;
        set
        {
            if ((uint)value > (uint)_data.Length * 8) throw new InvalidDataException("chunk data ends early");
            _bitPosition = value;
        }
    }

    /// <summary>The next <paramref name="count"/> bits (0..64), most significant first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadBits(int count)
    {
        if (_bitPosition + count > _data.Length * 8) throw new InvalidDataException("chunk data ends early");
        int byteIndex = _bitPosition >> 3, skip = _bitPosition & 7;
        // Fast path: the field lies within the 8 bytes from its first byte (count + skip <= 64) and those
        // bytes exist: one big-endian load, drop the bits before the field, keep the field's bits.
        if (count > 0 && count + skip <= 64 && byteIndex + 8 <= _data.Length)
        {
            ulong window = BinaryPrimitives.ReadUInt64BigEndian(_data.Slice(byteIndex, 8));
            _bitPosition += count;
            return (window << skip) >> (64 - count);
        }
        return ReadBitsSlow(count);
    }

    /// <summary>Byte by byte: fields near the end of the data, or crossing more than 8 bytes.</summary>
    private ulong ReadBitsSlow(int count)
    {
        ulong result = 0;
        while (count > 0)
        {
            int byteIndex = _bitPosition >> 3;
            int available = 8 - (_bitPosition & 7);
            int take = Math.Min(available, count);
            ulong chunk = (ulong)(_data[byteIndex] >> (available - take)) & ((1UL << take) - 1);
            result = (result << take) | chunk;
            _bitPosition += take;
            count -= take;
        }
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBit()
    {
        if (_bitPosition >= _data.Length * 8) throw new InvalidDataException("chunk data ends early");
        int bit = (_data[_bitPosition >> 3] >> (7 - (_bitPosition & 7))) & 1;
        _bitPosition++;
        return bit != 0;
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            ulong b = ReadBits(8);
            result |= (b & 0x7F) << shift;
            if (b < 0x80) return result;
        }
        throw new InvalidDataException("varint too long");
    }
}
