using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace Tsdb.Protocols.Pickle;

/// <summary>
/// Writes plain data as a protocol 2 pickle, the shapes graphite-web's cluster members exchange
/// (render/views.py renderViewPickle, metrics/views.py pickle_nodes). Only built-in containers are
/// written, so any unpickler (graphite-web's SafeUnpickler, <see cref="RestrictedUnpickler"/>) loads it
/// without resolving a single global. Protocol 2 is read by Python 2.3+ and every Python 3.
/// Accepted values: null -> None, bool, int/long/BigInteger -> int, double/float -> float, string -> str,
/// object?[] -> tuple, double[] -> list of floats with NaN written as None (graphite's null),
/// <see cref="PickleDict"/> or IEnumerable&lt;KeyValuePair&lt;string, object?&gt;&gt; -> dict (insertion order),
/// any other IEnumerable -> list. No memo is written (there are no shared references to keep), so the
/// bytes equal CPython's pickle.dumps(value, 2) after pickletools.optimize (which drops unused PUTs).
/// </summary>
public static class PickleWriter
{
    // Pickle batches APPENDS/SETITEMS by 1000 items as CPython does (Lib/pickle.py _BATCHSIZE).
    private const int BatchSize = 1000;

    public static byte[] Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write<byte>([Op.Proto, 2]);
        Write(buffer, value);
        buffer.Write<byte>([Op.Stop]);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ArrayBufferWriter<byte> b, object? value)
    {
        switch (value)
        {
            case null: b.Write<byte>([Op.None]); break;
            case bool v: b.Write<byte>([v ? Op.NewTrue : Op.NewFalse]); break;
            case int v: WriteInteger(b, v); break;
            case long v: WriteInteger(b, v); break;
            case BigInteger v: WriteLong1(b, v); break;
            case double v: WriteFloat(b, v); break;
            case float v: WriteFloat(b, v); break;
            case string v: WriteString(b, v); break;
            case double[] v: WriteList(b, v.Select(d => double.IsNaN(d) ? null : (object?)d)); break;
            case object?[] v: WriteTuple(b, v); break;
            case PickleDict v: WriteDict(b, v.Items); break;
            case IEnumerable<KeyValuePair<string, object?>> v:
                WriteDict(b, v.Select(kv => new KeyValuePair<object?, object?>(kv.Key, kv.Value))); break;
            case System.Collections.IEnumerable v and not byte[]: WriteList(b, v.Cast<object?>()); break;
            default: throw new ArgumentException($"cannot pickle a {value.GetType().Name}: only plain data is written");
        }
    }

    private static void WriteInteger(ArrayBufferWriter<byte> b, long v)
    {
        if (v is >= 0 and <= byte.MaxValue)
        {
            b.Write<byte>([Op.BinInt1, (byte)v]);
        }
        else if (v is >= 0 and <= ushort.MaxValue)
        {
            Span<byte> s = [Op.BinInt2, 0, 0];
            BinaryPrimitives.WriteUInt16LittleEndian(s[1..], (ushort)v);
            b.Write(s);
        }
        else if (v is >= int.MinValue and <= int.MaxValue)
        {
            Span<byte> s = [Op.BinInt, 0, 0, 0, 0];
            BinaryPrimitives.WriteInt32LittleEndian(s[1..], (int)v);
            b.Write(s);
        }
        else
        {
            WriteLong1(b, v);
        }
    }

    // LONG1: length byte, then little-endian two's complement (pickle's encode_long).
    private static void WriteLong1(ArrayBufferWriter<byte> b, BigInteger v)
    {
        byte[] bytes = v.ToByteArray(isUnsigned: false, isBigEndian: false);
        if (bytes.Length > byte.MaxValue) throw new ArgumentException("integer too large for LONG1");
        b.Write<byte>([Op.Long1, (byte)bytes.Length]);
        b.Write(bytes);
    }

    private static void WriteFloat(ArrayBufferWriter<byte> b, double v)
    {
        Span<byte> s = [Op.BinFloat, 0, 0, 0, 0, 0, 0, 0, 0];
        BinaryPrimitives.WriteDoubleBigEndian(s[1..], v);
        b.Write(s);
    }

    private static void WriteString(ArrayBufferWriter<byte> b, string v)
    {
        int length = Encoding.UTF8.GetByteCount(v);
        Span<byte> head = [Op.BinUnicode, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt32LittleEndian(head[1..], (uint)length);
        b.Write(head);
        Encoding.UTF8.GetBytes(v, b.GetSpan(length));
        b.Advance(length);
    }

    private static void WriteTuple(ArrayBufferWriter<byte> b, object?[] items)
    {
        if (items.Length == 0)
        {
            b.Write<byte>([Op.EmptyTuple]);
            return;
        }
        if (items.Length > 3) b.Write<byte>([Op.Mark]);
        foreach (var item in items) Write(b, item);
        b.Write<byte>([items.Length switch { 1 => Op.Tuple1, 2 => Op.Tuple2, 3 => Op.Tuple3, _ => Op.Tuple }]);
    }

    // CPython's batch_list_exact: a one-item list is APPEND, otherwise MARK ... APPENDS per batch.
    private static void WriteList(ArrayBufferWriter<byte> b, IEnumerable<object?> items)
    {
        b.Write<byte>([Op.EmptyList]);
        var all = items.ToList();
        if (all.Count == 1)
        {
            Write(b, all[0]);
            b.Write<byte>([Op.Append]);
            return;
        }
        foreach (var batch in all.Chunk(BatchSize))
        {
            b.Write<byte>([Op.Mark]);
            foreach (var item in batch) Write(b, item);
            b.Write<byte>([Op.Appends]);
        }
    }

    // CPython's batch_dict_exact: a one-item dict is SETITEM, otherwise MARK ... SETITEMS per batch.
    private static void WriteDict(ArrayBufferWriter<byte> b, IEnumerable<KeyValuePair<object?, object?>> items)
    {
        b.Write<byte>([Op.EmptyDict]);
        var all = items.ToList();
        if (all.Count == 1)
        {
            Write(b, all[0].Key);
            Write(b, all[0].Value);
            b.Write<byte>([Op.SetItem]);
            return;
        }
        foreach (var batch in all.Chunk(BatchSize))
        {
            b.Write<byte>([Op.Mark]);
            foreach (var (key, value) in batch)
            {
                Write(b, key);
                Write(b, value);
            }
            b.Write<byte>([Op.SetItems]);
        }
    }
}
