using Tsdb.Query.Api;
using Tsdb.Query.Tests.Support;

namespace Tsdb.Query.Tests.Api;

/// <summary>format=msgpack for render and find: graphite-web's shapes (series getInfo dicts; find nodes with
/// intervals), bytes as Python's msgpack.packb(..., use_bin_type=True) writes them.</summary>
public sealed class RenderMsgPackTests
{
    private const long Now = 1795730400;

    private static RequestParameters P(params (string Key, string Value)[] ps) =>
        new(ps.Select(p => new KeyValuePair<string, string>(p.Key, p.Value)));

    [Fact]
    public void Render_msgpack_is_the_series_info_list()
    {
        var store = new InMemoryMetricStore().Add("a.b", Now - 1, 1, 1.0, double.NaN);
        var r = new RenderService(store).Render(P(("target", "a.*"), ("format", "msgpack"),
            ("from", (Now - 2).ToString()), ("until", Now.ToString()), ("now", Now.ToString())));
        Assert.Equal((200, "application/x-msgpack"), (r.StatusCode, r.ContentType));
        // [{"name": "a.b", "start": Now-1, "end": Now+1, "step": 1, "values": [1.0, None],
        //   "pathExpression": "a.*", "valuesPerPoint": 1, "consolidationFunc": "average", "xFilesFactor": 0.0}]
        Assert.Equal(
            "9189a46e616d65a3612e62a57374617274ce6b08abdfa3656e64ce6b08abe1a473746570" + "01" +
            "a676616c75657392cb3ff0000000000000c0ae7061746845787072657373696f6ea3612e2a" +
            "ae76616c756573506572506f696e7401b1636f6e736f6c69646174696f6e46756e63a761766572616765" +
            "ac7846696c6573466163746f72cb0000000000000000",
            Convert.ToHexStringLower(r.Bytes!));
    }

    [Fact]
    public void Find_msgpack_lists_nodes_with_intervals_for_leaves()
    {
        var store = new InMemoryMetricStore().Add("a.b", Now - 1, 1, 1.0);
        var r = new MetricsService(store, 100, new FixedClock(Now)).Find(P(("query", "a.*"), ("format", "msgpack")));
        Assert.Equal((200, "application/x-msgpack"), (r.StatusCode, r.ContentType));
        // [{"path": "a.b", "is_leaf": True, "intervals": [[Now-100.0, Now.0]]}]
        Assert.Equal("9183a470617468a3612e62a769735f6c656166c3a9696e74657276616c739192cb41dac22adf000000cb41dac22af8000000",
            Convert.ToHexStringLower(r.Bytes!));
    }

    private sealed class FixedClock(long now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(now);
    }
}
