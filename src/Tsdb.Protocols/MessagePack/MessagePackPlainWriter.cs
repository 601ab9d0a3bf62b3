using System.Buffers;
using MessagePack;

namespace Tsdb.Protocols.MessagePack;

/// <summary>
/// Writes plain data as MessagePack the way graphite-web's msgpack formats do
/// (render/views.py renderViewMsgPack, metrics/views.py msgpack_nodes: msgpack.dump(..., use_bin_type=True)):
/// str as the str type, Python floats as float64, ints in their smallest encoding, None as nil.
/// The value model is the one of <see cref="Pickle.PickleWriter"/>: null, bool, int/long, double,
/// string, double[] (NaN written as nil, graphite's null), object?[] and other sequences as arrays,
/// IEnumerable&lt;KeyValuePair&lt;string, object?&gt;&gt; as a map in insertion order.
/// </summary>
public static class MessagePackPlainWriter
{
    public static byte[] Serialize(object? value)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        Write(ref writer, value);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(ref MessagePackWriter w, object? value)
    {
        switch (value)
        {
            case null: w.WriteNil(); break;
            case bool v: w.Write(v); break;
            case int v: w.Write(v); break;
            case long v: w.Write(v); break;
            case double v when double.IsNaN(v): w.WriteNil(); break;
            case double v: w.Write(v); break;
            case string v: w.Write(v); break;
            case double[] v:
                w.WriteArrayHeader(v.Length);
                foreach (var d in v) Write(ref w, d);
                break;
            case IEnumerable<KeyValuePair<string, object?>> map:
                var entries = map.ToList();
                w.WriteMapHeader(entries.Count);
                foreach (var (k, v) in entries)
                {
                    w.Write(k);
                    Write(ref w, v);
                }
                break;
            case System.Collections.IEnumerable seq and not byte[]:
                var items = seq.Cast<object?>().ToList();
                w.WriteArrayHeader(items.Count);
                foreach (var item in items) Write(ref w, item);
                break;
            default:
                throw new ArgumentException($"cannot write a {value.GetType().Name} as MessagePack: only plain data is written");
        }
    }
}
