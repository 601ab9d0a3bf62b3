using FASTER.core;

namespace Tsdb.Storage.Internal;

/// <summary>Writes chunk-store values (byte arrays) to FASTER's object log: length + bytes.</summary>
internal sealed class ChunkValueSerializer : BinaryObjectSerializer<byte[]>
{
    public override void Deserialize(out byte[] obj)
    {
        int length = reader.ReadInt32();
        obj = reader.ReadBytes(length);
        if (obj.Length != length) throw new InvalidDataException("object log value ends early");
    }

    public override void Serialize(ref byte[] obj)
    {
        writer.Write(obj.Length);
        writer.Write(obj);
    }
}
