namespace Tsdb.Protocols.Pickle;

/// <summary>Pickle opcodes (CPython Lib/pickle.py names). Only the plain-data ones have constants here.</summary>
internal static class Op
{
    public const byte Mark = (byte)'(', Stop = (byte)'.', Pop = (byte)'0', PopMark = (byte)'1', Dup = (byte)'2';
    public const byte Float = (byte)'F', Int = (byte)'I', BinInt = (byte)'J', BinInt1 = (byte)'K', Long = (byte)'L';
    public const byte BinInt2 = (byte)'M', None = (byte)'N', String = (byte)'S', BinString = (byte)'T';
    public const byte ShortBinString = (byte)'U', Unicode = (byte)'V', BinUnicode = (byte)'X', Append = (byte)'a';
    public const byte Dict = (byte)'d', EmptyDict = (byte)'}', Appends = (byte)'e', Get = (byte)'g', BinGet = (byte)'h';
    public const byte LongBinGet = (byte)'j', List = (byte)'l', EmptyList = (byte)']', Put = (byte)'p', BinPut = (byte)'q';
    public const byte LongBinPut = (byte)'r', SetItem = (byte)'s', Tuple = (byte)'t', EmptyTuple = (byte)')';
    public const byte SetItems = (byte)'u', BinFloat = (byte)'G';
    public const byte Proto = 0x80, Tuple1 = 0x85, Tuple2 = 0x86, Tuple3 = 0x87, NewTrue = 0x88, NewFalse = 0x89;
    public const byte Long1 = 0x8a, Long4 = 0x8b;
    public const byte BinBytes = (byte)'B', ShortBinBytes = (byte)'C';
    public const byte ShortBinUnicode = 0x8c, BinUnicode8 = 0x8d, BinBytes8 = 0x8e, EmptySet = 0x8f, AddItems = 0x90;
    public const byte FrozenSet = 0x91, Memoize = 0x94, Frame = 0x95, ByteArray8 = 0x96;

    /// <summary>Name of an opcode that imports, calls or builds objects (or needs out-of-band buffers).</summary>
    public static string? Forbidden(byte opcode) => opcode switch
    {
        (byte)'c' => "GLOBAL",
        0x93 => "STACK_GLOBAL",
        (byte)'R' => "REDUCE",
        (byte)'i' => "INST",
        (byte)'o' => "OBJ",
        (byte)'b' => "BUILD",
        0x81 => "NEWOBJ",
        0x92 => "NEWOBJ_EX",
        0x82 => "EXT1",
        0x83 => "EXT2",
        0x84 => "EXT4",
        (byte)'P' => "PERSID",
        (byte)'Q' => "BINPERSID",
        0x97 => "NEXT_BUFFER",
        0x98 => "READONLY_BUFFER",
        _ => null,
    };
}
