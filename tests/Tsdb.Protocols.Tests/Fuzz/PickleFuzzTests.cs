using System.Buffers.Binary;
using System.Text;
using Tsdb.Core;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Pickle;

namespace Tsdb.Protocols.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the pickle decoder: whatever the frame, <see cref="PickleFrameDecoder.TryDecode"/>
/// returns (never throws, never overflows the stack, never executes anything), and a rejected frame adds
/// nothing to the batch. Seeds are fixed so a failure replays exactly.
/// </summary>
public sealed class PickleFuzzTests
{
    private const long Arrival = 1_800_000_000;

    // protocol 2: [('a.b',(1700000000,1.5)),('c;t=v',[1700000001,'2.5']),('d',(1700000002.9,-1)),('e',(-1,float('nan')))]
    private static readonly byte[] Valid = Convert.FromHexString(
        "80025d7100285803000000612e6271014a00f15365473ff80000000000008671028671035805000000633b743d7671045d7105284a01f153655803000000322e3571066586710758010000006471084741d954fc40b9999a4affffffff86710986710a580100000065710b4affffffff477ff800000000000086710c86710d652e");

    private static readonly PickleFrameDecoder Decoder = new(new MetricNameInterner());

    [Fact]
    public void Random_bytes_never_throw()
    {
        var random = new Random(7001);
        int rejected = 0;
        for (int i = 0; i < 5000; i++)
        {
            byte[] frame = new byte[random.Next(0, 300)];
            random.NextBytes(frame);
            if (!Decode(frame, out _)) rejected++;
        }
        Assert.True(rejected > 4900, $"{rejected} of 5000 random frames rejected");
    }

    [Fact]
    public void Every_truncation_and_random_mutation_of_a_valid_frame_is_decoded_or_rejected()
    {
        for (int length = 0; length < Valid.Length; length++)
            Assert.False(Decode(Valid[..length], out _), $"truncated at {length} was accepted");
        var random = new Random(7002);
        for (int i = 0; i < 5000; i++)
        {
            byte[] frame = (byte[])Valid.Clone();
            for (int flips = random.Next(1, 5); flips > 0; flips--) frame[random.Next(frame.Length)] = (byte)random.Next(256);
            Decode(frame, out _);
        }
    }

    [Theory]
    [InlineData("c", "os\nsystem\n")]                 // GLOBAL
    [InlineData("c", "copy_reg\n_reconstructor\n")]   // carbon's SafeUnpickler allows this one; plain data never needs it
    [InlineData("c", "__builtin__\neval\n")]
    [InlineData("\u008c\u0002os\u008c\u0006system\u0093", "")]  // STACK_GLOBAL
    [InlineData("i", "os\nsystem\n")]                 // INST
    [InlineData("P", "persistent\n")]                 // PERSID
    [InlineData("\u0082\u0001", "")]                  // EXT1
    public void Frames_naming_any_global_are_rejected_before_anything_is_built(string opcode, string argument)
    {
        byte[] evil = Encoding.Latin1.GetBytes("\u0080\u0002" + opcode + argument + "X\u0002\u0000\u0000\u0000idR.");
        Assert.False(Decode(evil, out string? error));
        Assert.Contains("global", error);
    }

    [Theory]
    [InlineData((byte)'R')] // REDUCE
    [InlineData((byte)'b')] // BUILD
    [InlineData((byte)'o')] // OBJ
    [InlineData(0x81)]      // NEWOBJ
    [InlineData(0x92)]      // NEWOBJ_EX
    public void Call_opcodes_are_rejected(byte opcode)
    {
        Assert.False(Decode([0x80, 0x02, (byte)')', (byte)')', opcode, (byte)'.'], out string? error));
        Assert.Contains("global", error);
    }

    [Theory]
    [InlineData(0x85)]       // TUPLE1: ((((1,),),),...) as a dict key
    [InlineData((byte)'a')]  // list nesting via EMPTY_LIST + APPEND
    public void Deeply_nested_payloads_are_rejected_or_decoded_without_exhausting_the_stack(byte nest)
    {
        var frame = new List<byte> { 0x80, 0x02, (byte)'}' };
        frame.AddRange("K\u0001"u8.ToArray());
        for (int i = 0; i < 200_000; i++)
        {
            if (nest == 0x85) frame.Add(0x85);
            else { frame.Add((byte)']'); frame.Add((byte)'2'); frame.Add((byte)'0'); }
        }
        frame.AddRange("K\u0001s."u8.ToArray());
        Assert.False(Decode(frame.ToArray(), out _));
    }

    [Fact]
    public void A_frame_with_many_distinct_dict_keys_is_decoded_in_linear_time()
    {
        // {0: None, 1: None, ..., 149999: None} in one SETITEMS: quadratic key lookup would take minutes.
        var frame = new List<byte> { 0x80, 0x02, (byte)'}', (byte)'(' };
        byte[] key = new byte[4];
        for (int i = 0; i < 150_000; i++)
        {
            frame.Add((byte)'J');
            BinaryPrimitives.WriteInt32LittleEndian(key, i);
            frame.AddRange(key);
            frame.Add((byte)'N');
        }
        frame.AddRange("u."u8.ToArray());
        // A dict iterates as its keys: 150,000 ints, none a (path, (timestamp, value)) entry.
        Assert.True(Decode(frame.ToArray(), out _, out PickleFrameResult result));
        Assert.Equal(150_000, result.EntriesSkipped);
    }

    [Fact]
    public void Huge_decimal_integers_are_rejected_like_python_int_max_str_digits()
    {
        // Python 3.11+ refuses int() of more than 4300 digits; parsing a megabyte of digits is quadratic.
        byte[] frame = Encoding.ASCII.GetBytes("(lp0\n(S'a'\n(L" + new string('9', 900_000) + "L\nF1.0\nttp1\na.");
        Assert.False(Decode(frame, out string? error));
        Assert.Contains("digits", error);
    }

    [Fact]
    public void Oversized_length_prefixes_inside_a_frame_are_rejected()
    {
        foreach (string hex in new[] { "800258ffffffff", "80028dffffffffffffffff", "80028b7fffffff", "800254ffffff7f", "80024210000000" })
            Assert.False(Decode(Convert.FromHexString(hex), out string? error), hex);
    }

    private static bool Decode(byte[] frame, out string? error) => Decode(frame, out error, out _);

    private static bool Decode(byte[] frame, out string? error, out PickleFrameResult result)
    {
        var batch = new PointBatch();
        bool ok = Decoder.TryDecode(frame, Arrival, batch, out result, out error);
        if (!ok) Assert.Equal(0, batch.Count);
        else Assert.Equal(result.Accepted, batch.Count);
        return ok;
    }
}
