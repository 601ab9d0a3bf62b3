using Tsdb.Core;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Pickle;

namespace Tsdb.Protocols.Tests;

// Frames generated with CPython 3.11 pickle.dumps (see each comment) and embedded as hex.
public class PickleFrameDecoderTests
{
    private const long Arrival = 1_800_000_000;

    // [('a.b',(1700000000,1.5)),('c;t=v',[1700000001,'2.5']),('d',(1700000002.9,-1)),('e',(-1,float('nan')))]
    private const string Protocol2 = "80025d7100285803000000612e6271014a00f15365473ff80000000000008671028671035805000000633b743d7671045d7105284a01f153655803000000322e3571066586710758010000006471084741d954fc40b9999a4affffffff86710986710a580100000065710b4affffffff477ff800000000000086710c86710d652e";
    private const string Protocol0 = "286c70300a2856612e620a70310a2849313730303030303030300a46312e350a7470320a7470330a612856633b743d760a70340a286c70350a49313730303030303030310a6156322e350a70360a617470370a612856640a70380a2846313730303030303030322e390a492d310a7470390a747031300a612856650a7031310a28492d310a466e616e0a747031320a747031330a612e";
    private const string Protocol4 = "80049562000000000000005d94288c03612e62944a00f15365473ff8000000000000869486948c05633b743d76945d94284a01f153658c03322e35946586948c0164944741d954fc40b9999a4affffffff869486948c0165944affffffff477ff800000000000086948694652e";
    private const string Protocol5 = "80059562000000000000005d94288c03612e62944a00f15365473ff8000000000000869486948c05633b743d76945d94284a01f153658c03322e35946586948c0164944741d954fc40b9999a4affffffff869486948c0165944affffffff477ff800000000000086948694652e";

    [Theory]
    [InlineData(Protocol0)]
    [InlineData(Protocol2)]
    [InlineData(Protocol4)]
    [InlineData(Protocol5)]
    public void Decodes_points_in_every_protocol(string hex)
    {
        var batch = new PointBatch();
        Assert.True(Decoder().TryDecode(Convert.FromHexString(hex), Arrival, batch, out PickleFrameResult result, out string? error), error);

        Assert.Equal(new PickleFrameResult(Accepted: 3, DroppedNaN: 1, EntriesSkipped: 0, InvalidNames: 0), result);
        Assert.Equal(["a.b", "c;t=v", "d"], batch.Names.ToArray());
        Assert.Equal([1700000000L, 1700000001L, 1700000002L], batch.Timestamps.ToArray());
        Assert.Equal([1.5, 2.5, -1.0], batch.Values.ToArray());
    }

    [Fact]
    public void Skips_undestructurable_entries_and_keeps_the_rest()
    {
        // protocol 3: [('ok',(10,1)),('short',(10,)),42,('x',(10,'abc')),('y',(None,1)),(b'bytesname',(10,1)),
        //              ('z',(10,2),'extra'),('ok2',[11,'1e3'])]
        const string hex = "80035d71002858020000006f6b71014b0a4b01867102867103580500000073686f727471044b0a8571058671064b2a58010000007871074b0a5803000000616263710886710986710a580100000079710b4e4b0186710c86710d430962797465736e616d65710e680286710f58010000007a71104b0a4b0286711158050000006578747261711287711358030000006f6b3271145d7115284b0b5803000000316533711665867117652e";
        var batch = new PointBatch();

        Assert.True(Decoder().TryDecode(Convert.FromHexString(hex), Arrival, batch, out PickleFrameResult result, out _));

        Assert.Equal(new PickleFrameResult(Accepted: 2, DroppedNaN: 0, EntriesSkipped: 6, InvalidNames: 0), result);
        Assert.Equal(["ok", "ok2"], batch.Names.ToArray());
        Assert.Equal([1.0, 1000.0], batch.Values.ToArray());
    }

    [Fact]
    public void Decodes_python2_str_as_utf8_and_protocol0_longs()
    {
        // hand-written protocol 0 as Python 2 writes it: [('m\xc3\xa9tric',(10,1)),('q"x',(11L,2.5))]
        const string hex = "286c70300a2853276d5c7863335c78613974726963270a70310a284931300a49310a7470320a7470330a61285322715c2278220a284c31314c0a46322e350a7470340a7470350a612e";
        var batch = new PointBatch();

        Assert.True(Decoder().TryDecode(Convert.FromHexString(hex), Arrival, batch, out _, out string? error), error);

        Assert.Equal(["m\u00e9tric", "q\"x"], batch.Names.ToArray());
        Assert.Equal([10L, 11L], batch.Timestamps.ToArray());
    }

    [Fact]
    public void Iterates_dict_keys_and_converts_big_ints()
    {
        // {('k',(12,3.0)):None} then [('big',(10, 2**70))]
        var batch = new PointBatch();
        Assert.True(Decoder().TryDecode(Convert.FromHexString("80027d710058010000006b71014b0c4740080000000000008671028671034e732e"), Arrival, batch, out _, out _));
        Assert.True(Decoder().TryDecode(Convert.FromHexString("80025d7100580300000062696771014b0a8a09000000000000000040867102867103612e"), Arrival, batch, out _, out _));

        Assert.Equal(["k", "big"], batch.Names.ToArray());
        Assert.Equal([3.0, 1.1805916207174113e+21], batch.Values.ToArray());
    }

    [Theory]
    // [E()] where E.__reduce__ returns (os.system, ('touch /tmp/pwned-by-pickle',)), protocols 0, 2 and 4
    [InlineData("286c70300a63706f7369780a73797374656d0a70310a2856746f756368202f746d702f70776e65642d62792d7069636b6c650a70320a7470330a5270340a612e", "GLOBAL")]
    [InlineData("80025d710063706f7369780a73797374656d0a7101581a000000746f756368202f746d702f70776e65642d62792d7069636b6c657102857103527104612e", "GLOBAL")]
    [InlineData("80049538000000000000005d948c05706f736978948c0673797374656d9493948c1a746f756368202f746d702f70776e65642d62792d7069636b6c659485945294612e", "STACK_GLOBAL")]
    public void Rejects_a_frame_that_names_a_global(string hex, string opcode)
    {
        var batch = new PointBatch();

        Assert.False(Decoder().TryDecode(Convert.FromHexString(hex), Arrival, batch, out _, out string? error));

        Assert.Contains(opcode, error);
        Assert.Equal(0, batch.Count);
        Assert.False(File.Exists("/tmp/pwned-by-pickle"));
    }

    [Theory]
    [InlineData("80025d7100285803000000612e6271014a00f15365473ff80000000000008671028671035805000000633b743d7671045d7105284a01f153655803000000322e3571066586710758010000006471084741d954fc40b9999a4affffffff86710986710a580100000065710b4affffffff477ff800000000000086710c", "truncated")]
    [InlineData("", "truncated")]
    [InlineData("8002580500000061", "truncated")]
    [InlineData("80024b012e2e", null)]
    [InlineData("8006", "protocol")]
    [InlineData("80024b014b01612e", "APPEND")]
    [InlineData("ff", "unknown")]
    public void Rejects_malformed_frames_without_appending(string hex, string? reason)
    {
        var batch = new PointBatch();

        bool ok = Decoder().TryDecode(Convert.FromHexString(hex), Arrival, batch, out _, out string? error);

        Assert.False(ok);
        Assert.Equal(0, batch.Count);
        if (reason is not null) Assert.Contains(reason, error);
    }

    private static PickleFrameDecoder Decoder() => new(new MetricNameInterner());
}
