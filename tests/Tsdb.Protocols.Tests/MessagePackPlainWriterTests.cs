using Tsdb.Protocols.MessagePack;

namespace Tsdb.Protocols.Tests;

/// <summary>
/// Bytes compared with Python's msgpack 1.0.3 (Debian python3-msgpack) packb(value, use_bin_type=True),
/// which is what graphite-web's msgpack render and find formats call.
/// </summary>
public sealed class MessagePackPlainWriterTests
{
    [Fact]
    public void Render_series_info_matches_python_msgpack()
    {
        var info = new List<KeyValuePair<string, object?>>
        {
            new("name", "a.b"), new("start", 1795730340L), new("end", 1795730400L), new("step", 60L),
            new("values", new[] { 1.0, double.NaN, -2.5 }), new("pathExpression", "a.*"), new("valuesPerPoint", 1),
            new("consolidationFunc", "average"), new("xFilesFactor", 0.0),
        };
        Assert.Equal(
            "9189a46e616d65a3612e62a57374617274ce6b08aba4a3656e64ce6b08abe0a4737465703ca676616c75657393cb3ff0000000000000c0cbc004000000000000ae7061746845787072657373696f6ea3612e2aae76616c756573506572506f696e7401b1636f6e736f6c69646174696f6e46756e63a761766572616765ac7846696c6573466163746f72cb0000000000000000",
            Convert.ToHexStringLower(MessagePackPlainWriter.Serialize(new List<object?> { info })));
    }

    [Fact]
    public void Find_nodes_match_python_msgpack()
    {
        var nodes = new List<object?>
        {
            new List<KeyValuePair<string, object?>> { new("path", "a.b"), new("is_leaf", true), new("intervals", new List<object?> { new object?[] { 1.5, 300000.0 } }) },
            new List<KeyValuePair<string, object?>> { new("path", "a"), new("is_leaf", false) },
        };
        Assert.Equal(
            "9283a470617468a3612e62a769735f6c656166c3a9696e74657276616c739192cb3ff8000000000000cb41124f800000000082a470617468a161a769735f6c656166c2",
            Convert.ToHexStringLower(MessagePackPlainWriter.Serialize(nodes)));
    }

    [Fact]
    public void Anything_but_plain_data_is_refused() =>
        Assert.Throws<ArgumentException>(() => MessagePackPlainWriter.Serialize(new object()));
}
