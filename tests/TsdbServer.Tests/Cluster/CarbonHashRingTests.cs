using Tsdb.Cluster;

namespace TsdbServer.Tests.Cluster;

/// <summary>
/// carbon_ch against spec §10's vectors (carbon 1.1.8 hashing.py, cross-checked with carbon-c-relay 3.7.3)
/// and, for the second replica, against `carbon-c-relay -t` with "replication 2" on the same rings.
/// </summary>
public sealed class CarbonHashRingTests
{
    private static readonly RingNode N1 = new("127.0.0.1", 2003, "a"), N2 = new("127.0.0.2", 2003, "b"), N3 = new("127.0.0.3", 2003, null);

    [Theory]
    [InlineData("('127.0.0.1', 'a'):0", 24043)]
    [InlineData("hosts.worker1.cpu", 64833)]
    [InlineData("hosts.worker2.cpu", 38509)]
    [InlineData("a.b.c", 21823)]
    public void Positions_are_the_first_two_md5_bytes(string key, int position) =>
        Assert.Equal(position, CarbonHashRing.Position(key));

    [Theory]
    [InlineData("hosts.worker1.cpu", "127.0.0.3", "127.0.0.1")]
    [InlineData("hosts.worker2.cpu", "127.0.0.3", "127.0.0.2")]
    [InlineData("a.b.c", "127.0.0.2", "127.0.0.1")]
    [InlineData("stats.checkout.cluster.padamski-wro.api.v1.payment-initialize.count", "127.0.0.1", null)]
    public void Owners_match_carbon_and_carbon_c_relay(string metric, string primary, string? second)
    {
        var ring = new CarbonHashRing([N1, N2, N3]);
        Assert.Equal(primary, ring.Nodes(metric, 1).Single().Host);
        var two = ring.Nodes(metric, 2);
        Assert.Equal(2, two.Count);
        Assert.Equal(primary, two[0].Host);
        if (second is not null) Assert.Equal(second, two[1].Host);
        Assert.NotEqual(two[0], two[1]);
    }

    [Theory]
    // carbon-c-relay -t: cluster carbon_ch replication 2 of 127.0.0.1:12001=a, :12002=b, :12003=c.
    [InlineData("hosts.worker1.cpu", "c", "a")]
    [InlineData("hosts.worker2.cpu", "b", "c")]
    [InlineData("a.b.c", "a", "c")]
    [InlineData("vm.cpuinfo.user.cpu0", "a", "b")]
    public void One_host_with_instances_replicates_to_distinct_instances(string metric, string first, string second)
    {
        var ring = new CarbonHashRing([new("127.0.0.1", 12001, "a"), new("127.0.0.1", 12002, "b"), new("127.0.0.1", 12003, "c")]);
        Assert.Equal([first, second], ring.Nodes(metric, 2).Select(n => n.Instance));
    }

    [Fact]
    public void Replication_is_capped_at_the_node_count() =>
        Assert.Equal(3, new CarbonHashRing([N1, N2, N3]).Nodes("x", 5).Count);
}
