using System.Net.Sockets;

namespace Tsdb.Ingestion.Tests;

public class PickleListenerTests
{
    // CPython 3.11 pickle.dumps of [('a.b',(1700000000,1.5)),('c;t=v',[1700000001,'2.5']),('d',(1700000002.9,-1)),('e',(-1,nan))]
    private const string Protocol2 = "80025d7100285803000000612e6271014a00f15365473ff80000000000008671028671035805000000633b743d7671045d7105284a01f153655803000000322e3571066586710758010000006471084741d954fc40b9999a4affffffff86710986710a580100000065710b4affffffff477ff800000000000086710c86710d652e";

    // [('p4',(10,1.0))] with protocol 4
    private const string Protocol4Single = "80049518000000000000005d948c027034944b0a473ff000000000000086948694612e";

    // [E()] where E.__reduce__ returns (os.system, ('touch /tmp/pwned-by-pickle',)), protocol 2
    private const string OsSystem = "80025d710063706f7369780a73797374656d0a7101581a000000746f756368202f746d702f70776e65642d62792d7069636b6c657102857103527104612e";

    [Fact]
    public async Task Frames_are_decoded_and_bad_frames_skipped_on_the_same_connection()
    {
        await using var harness = await IngestionHarness.StartAsync();
        byte[] stream =
        [
            .. ClientSockets.PickleFrame(Protocol2),
            .. ClientSockets.PickleFrame(OsSystem),
            .. ClientSockets.PickleFrame(Protocol2[..40]),
            .. ClientSockets.PickleFrame(Protocol4Single),
        ];

        await ClientSockets.SendAndCloseAsync(harness.Pickle.LocalEndPoint, stream);
        await harness.Store.WaitForAsync(4);
        await harness.StopAsync();

        Assert.Equal([("a.b", 1700000000L, 1.5), ("c;t=v", 1700000001L, 2.5), ("d", 1700000002L, -1.0), ("p4", 10L, 1.0)],
            harness.Store.Points);
        var counters = harness.Counters.Snapshot();
        Assert.Equal(2, counters.PickleFramesRejected);
        Assert.Equal(1, counters.PointsDroppedNaN);
        Assert.Equal(4, counters.PointsReceived);
        Assert.False(File.Exists("/tmp/pwned-by-pickle"));
    }

    [Fact]
    public async Task Oversize_frame_closes_the_connection()
    {
        await using var harness = await IngestionHarness.StartAsync(new IngestionOptions { MaxPickleFrameLength = 1024 });
        using Socket client = await ClientSockets.ConnectAsync(harness.Pickle.LocalEndPoint);

        await client.SendAsync(ClientSockets.PickleFrame(Protocol4Single));
        await client.SendAsync(new byte[] { 0, 0, 4, 1 });
        await ClientSockets.WaitForServerCloseAsync(client);
        await harness.Store.WaitForAsync(1);
        await harness.StopAsync();

        Assert.Equal([("p4", 10L, 1.0)], harness.Store.Points);
        Assert.Equal(1, harness.Counters.Snapshot().ConnectionsClosedOversize);
    }
}
