using System.Buffers.Binary;
using System.Numerics;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Pickle;

/// <summary>
/// A pickle interpreter (protocols 0-5) for plain data only: None, bool, int, float, str, bytes,
/// bytearray, tuple, list, dict, set, frozenset. Every opcode that names or calls code (GLOBAL,
/// STACK_GLOBAL, REDUCE, INST, OBJ, NEWOBJ, NEWOBJ_EX, BUILD, EXT1/2/4, PERSID, BINPERSID) and the
/// out-of-band buffer opcodes reject the frame before anything is built, so no global is ever resolved.
/// carbon's SafeUnpickler (carbon <c>lib/carbon/util.py</c>) only allows <c>copy_reg._reconstructor</c> and
/// <c>object</c>, which plain data never needs. Written here instead of using Razorvine.Pickle because
/// Razorvine resolves any global to a built-in or dictionary-building constructor and decodes py2
/// <c>str</c> as Latin-1, while carbon decodes it as UTF-8; a closed opcode table makes the refusal structural.
/// </summary>
public static class RestrictedUnpickler
{
    /// <summary>Unpickles one frame. Throws <see cref="PickleRejectedException"/> for anything else.</summary>
    public static object? Load(ReadOnlySpan<byte> frame)
    {
        var cursor = new PickleCursor(frame);
        var stack = new List<object?>();
        var marks = new List<int>();
        var memo = new Dictionary<long, object?>();
        while (true)
        {
            byte opcode = cursor.ReadByte();
            switch (opcode)
            {
                case Op.Proto:
                    if (cursor.ReadByte() > 5) throw new PickleRejectedException("unsupported pickle protocol");
                    break;
                case Op.Frame: cursor.Take(8); break;
                case Op.Stop: return Pop(stack, marks);
                case Op.Mark: marks.Add(stack.Count); break;
                case Op.Pop:
                    if (marks.Count > 0 && marks[^1] == stack.Count) marks.RemoveAt(marks.Count - 1);
                    else Pop(stack, marks);
                    break;
                case Op.PopMark: PopToMark(stack, marks); break;
                case Op.Dup: stack.Add(Peek(stack, marks)); break;

                case Op.None: stack.Add(null); break;
                case Op.NewTrue: stack.Add(true); break;
                case Op.NewFalse: stack.Add(false); break;
                case Op.Int: stack.Add(ParseIntLine(cursor.ReadLine())); break;
                case Op.Long: stack.Add(PickleText.ParseInteger(TrimLongSuffix(cursor.ReadLine()))); break;
                case Op.BinInt: stack.Add((long)cursor.ReadInt32()); break;
                case Op.BinInt1: stack.Add((long)cursor.ReadByte()); break;
                case Op.BinInt2: stack.Add((long)cursor.ReadUInt16()); break;
                case Op.Long1: stack.Add(ToInteger(cursor.Take(cursor.ReadByte()))); break;
                case Op.Long4: stack.Add(ToInteger(cursor.Take(cursor.ReadInt32()))); break;
                case Op.Float: stack.Add(ParseFloatLine(cursor.ReadLine())); break;
                case Op.BinFloat: stack.Add(BinaryPrimitives.ReadDoubleBigEndian(cursor.Take(8))); break;

                case Op.String: stack.Add(PickleText.DecodeQuotedString(cursor.ReadLine())); break;
                case Op.BinString: stack.Add(PickleText.DecodeUtf8(cursor.Take(cursor.ReadInt32()))); break;
                case Op.ShortBinString: stack.Add(PickleText.DecodeUtf8(cursor.Take(cursor.ReadByte()))); break;
                case Op.Unicode: stack.Add(PickleText.DecodeRawUnicodeEscape(cursor.ReadLine())); break;
                case Op.BinUnicode: stack.Add(PickleText.DecodeUtf8(cursor.Take(cursor.ReadUInt32()))); break;
                case Op.ShortBinUnicode: stack.Add(PickleText.DecodeUtf8(cursor.Take(cursor.ReadByte()))); break;
                case Op.BinUnicode8: stack.Add(PickleText.DecodeUtf8(cursor.Take(CheckedLength(cursor.ReadUInt64())))); break;
                case Op.BinBytes: stack.Add(cursor.Take(cursor.ReadUInt32()).ToArray()); break;
                case Op.ShortBinBytes: stack.Add(cursor.Take(cursor.ReadByte()).ToArray()); break;
                case Op.BinBytes8:
                case Op.ByteArray8: stack.Add(cursor.Take(CheckedLength(cursor.ReadUInt64())).ToArray()); break;

                case Op.EmptyTuple: stack.Add(Array.Empty<object?>()); break;
                case Op.Tuple: stack.Add(PopToMark(stack, marks).ToArray()); break;
                case Op.Tuple1: stack.Add(PopTail(stack, marks, 1)); break;
                case Op.Tuple2: stack.Add(PopTail(stack, marks, 2)); break;
                case Op.Tuple3: stack.Add(PopTail(stack, marks, 3)); break;
                case Op.EmptyList: stack.Add(new List<object?>()); break;
                case Op.List: stack.Add(PopToMark(stack, marks)); break;
                case Op.Append:
                {
                    object? item = Pop(stack, marks);
                    Expect<List<object?>>(Peek(stack, marks), "APPEND").Add(item);
                    break;
                }
                case Op.Appends:
                {
                    List<object?> items = PopToMark(stack, marks);
                    Expect<List<object?>>(Peek(stack, marks), "APPENDS").AddRange(items);
                    break;
                }
                case Op.EmptyDict: stack.Add(new PickleDict()); break;
                case Op.Dict:
                {
                    var dict = new PickleDict();
                    SetItems(dict, PopToMark(stack, marks));
                    stack.Add(dict);
                    break;
                }
                case Op.SetItem:
                {
                    object? value = Pop(stack, marks), key = Pop(stack, marks);
                    SetItems(Expect<PickleDict>(Peek(stack, marks), "SETITEM"), [key, value]);
                    break;
                }
                case Op.SetItems:
                {
                    List<object?> pairs = PopToMark(stack, marks);
                    SetItems(Expect<PickleDict>(Peek(stack, marks), "SETITEMS"), pairs);
                    break;
                }
                case Op.EmptySet: stack.Add(new PickleSet()); break;
                case Op.AddItems:
                {
                    List<object?> items = PopToMark(stack, marks);
                    AddItems(Expect<PickleSet>(Peek(stack, marks), "ADDITEMS"), items);
                    break;
                }
                case Op.FrozenSet:
                {
                    var set = new PickleSet();
                    AddItems(set, PopToMark(stack, marks));
                    stack.Add(set);
                    break;
                }

                case Op.Put: memo[ParseMemoIndex(cursor.ReadLine())] = Peek(stack, marks); break;
                case Op.BinPut: memo[cursor.ReadByte()] = Peek(stack, marks); break;
                case Op.LongBinPut: memo[cursor.ReadUInt32()] = Peek(stack, marks); break;
                case Op.Memoize: memo[memo.Count] = Peek(stack, marks); break;
                case Op.Get: stack.Add(FromMemo(memo, ParseMemoIndex(cursor.ReadLine()))); break;
                case Op.BinGet: stack.Add(FromMemo(memo, cursor.ReadByte())); break;
                case Op.LongBinGet: stack.Add(FromMemo(memo, cursor.ReadUInt32())); break;

                default:
                    throw new PickleRejectedException(Op.Forbidden(opcode) is { } name
                        ? $"opcode {name} would resolve a global or call code; only plain data is accepted"
                        : $"unknown pickle opcode 0x{opcode:x2}");
            }
        }
    }

    private static object? Pop(List<object?> stack, List<int> marks)
    {
        object? top = Peek(stack, marks);
        stack.RemoveAt(stack.Count - 1);
        return top;
    }

    private static object? Peek(List<object?> stack, List<int> marks)
    {
        int floor = marks.Count > 0 ? marks[^1] : 0;
        if (stack.Count <= floor) throw new PickleRejectedException("unpickling stack underflow");
        return stack[^1];
    }

    private static List<object?> PopToMark(List<object?> stack, List<int> marks)
    {
        if (marks.Count == 0) throw new PickleRejectedException("could not find MARK");
        int mark = marks[^1];
        marks.RemoveAt(marks.Count - 1);
        List<object?> items = stack.GetRange(mark, stack.Count - mark);
        stack.RemoveRange(mark, stack.Count - mark);
        return items;
    }

    private static object?[] PopTail(List<object?> stack, List<int> marks, int count)
    {
        int floor = marks.Count > 0 ? marks[^1] : 0;
        if (stack.Count - floor < count) throw new PickleRejectedException("unpickling stack underflow");
        object?[] items = stack.GetRange(stack.Count - count, count).ToArray();
        stack.RemoveRange(stack.Count - count, count);
        return items;
    }

    private static T Expect<T>(object? target, string opcode) where T : class =>
        target as T ?? throw new PickleRejectedException($"{opcode} applied to an unsupported object");

    private static void SetItems(PickleDict dict, List<object?> pairs)
    {
        if (pairs.Count % 2 != 0) throw new PickleRejectedException("odd number of items for a dict");
        for (int i = 0; i < pairs.Count; i += 2)
        {
            if (!PickleEquality.IsHashable(pairs[i])) throw new PickleRejectedException("unhashable dict key");
            dict.Set(pairs[i], pairs[i + 1]);
        }
    }

    private static void AddItems(PickleSet set, List<object?> items)
    {
        foreach (object? item in items)
        {
            if (!PickleEquality.IsHashable(item)) throw new PickleRejectedException("unhashable set item");
            set.Add(item);
        }
    }

    private static object? FromMemo(Dictionary<long, object?> memo, long index) =>
        memo.TryGetValue(index, out object? value) ? value : throw new PickleRejectedException($"memo key {index} not found");

    private static long ParseMemoIndex(ReadOnlySpan<byte> line) =>
        PickleText.ParseInteger(line) is long index ? index : throw new PickleRejectedException("memo index out of range");

    private static long CheckedLength(ulong length) =>
        length <= int.MaxValue ? (long)length : throw new PickleRejectedException("pickle data was truncated");

    // Lib/pickle.py load_int: "00" and "01" are protocol 0's False and True.
    private static object ParseIntLine(ReadOnlySpan<byte> line) =>
        line.SequenceEqual("00"u8) ? false : line.SequenceEqual("01"u8) ? true : PickleText.ParseInteger(line);

    private static ReadOnlySpan<byte> TrimLongSuffix(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == 'L' ? line[..^1] : line;

    private static double ParseFloatLine(ReadOnlySpan<byte> line)
    {
        Span<char> chars = stackalloc char[Math.Min(line.Length, 128)];
        if (line.Length > chars.Length) throw new PickleRejectedException("FLOAT argument too long");
        for (int i = 0; i < line.Length; i++) chars[i] = (char)line[i];
        return PythonFloat.TryParse(chars, out double value) ? value : throw new PickleRejectedException("invalid FLOAT argument");
    }

    // LONG1/LONG4: little-endian two's complement, as written by pickle's encode_long.
    private static object ToInteger(ReadOnlySpan<byte> bytes)
    {
        var value = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }
}
