using System.Buffers.Binary;

namespace Tsdb.Protocols.Pickle;

/// <summary>Forward-only reader over one pickle frame; running off the end rejects the frame
/// (Python: "pickle data was truncated").</summary>
internal ref struct PickleCursor(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _pos;

    public byte ReadByte() => Take(1)[0];

    public ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > _data.Length - _pos) throw new PickleRejectedException("pickle data was truncated");
        ReadOnlySpan<byte> slice = _data.Slice(_pos, (int)count);
        _pos += (int)count;
        return slice;
    }

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(Take(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>Text argument of a protocol 0 opcode, without its '\n'.</summary>
    public ReadOnlySpan<byte> ReadLine()
    {
        int newline = _data[_pos..].IndexOf((byte)'\n');
        if (newline < 0) throw new PickleRejectedException("pickle data was truncated");
        ReadOnlySpan<byte> line = _data.Slice(_pos, newline);
        _pos += newline + 1;
        return line;
    }
}
