using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tsdb.Ingestion.Tests;

/// <summary>
/// Many connections that each send a little once a second (a fleet of collectl nodes) must not make the listener
/// allocate per read: an idle connection holds neither a read buffer nor a batch, and what a read rents goes back to
/// the pools. Counted as bytes allocated by the whole process per point received: 120-130 (most of it this test's own
/// capture of the points), and 490 with the listener's reads made without zero-byte reads.
/// </summary>
[Collection(nameof(ProcessAllocationCollection))]
public class ManyConnectionsAllocationTests
{
    private const int Connections = 300;
    private const int LinesPerRound = 104;
    private const int Rounds = 5;

    /// <summary>Between the two figures above.</summary>
    private const long MaxBytesPerPoint = 250;

    [Fact]
    public async Task Connections_that_each_send_a_round_and_go_idle_allocate_little_per_point()
    {
        await using var harness = await IngestionHarness.StartAsync();
        var endPoint = (IPEndPoint)harness.Plaintext.LocalEndPoint;
        var sockets = new Socket[Connections];
        for (int c = 0; c < Connections; c++) sockets[c] = await ClientSockets.ConnectAsync(endPoint);
        try
        {
            // Every round's lines are encoded before the count starts: only the server side is measured.
            var payloads = new byte[Rounds + 1][][];
            for (int r = 0; r <= Rounds; r++)
            {
                payloads[r] = new byte[Connections][];
                for (int c = 0; c < Connections; c++) payloads[r][c] = Round(c, 1_700_000_000 + r);
            }

            int expected = 0;
            await SendRoundAsync(harness, sockets, payloads[0], expected += Connections * LinesPerRound); // warm-up
            long before = GC.GetTotalAllocatedBytes(precise: true);
            for (int r = 1; r <= Rounds; r++)
                await SendRoundAsync(harness, sockets, payloads[r], expected += Connections * LinesPerRound);
            long perPoint = (GC.GetTotalAllocatedBytes(precise: true) - before) / (Rounds * Connections * LinesPerRound);

            Assert.Equal(expected, harness.Counters.Snapshot().PointsReceived);
            Assert.True(perPoint < MaxBytesPerPoint, $"{perPoint} bytes allocated per point received");
        }
        finally
        {
            foreach (var socket in sockets) socket.Dispose();
        }
    }

    /// <summary>Every connection sends its round at once; returns when the store has <paramref name="total"/> points,
    /// so each connection is idle again before the next round.</summary>
    private static async Task SendRoundAsync(IngestionHarness harness, Socket[] sockets, byte[][] payloads, int total)
    {
        var sends = new Task[sockets.Length];
        for (int c = 0; c < sockets.Length; c++) sends[c] = sockets[c].SendAsync(payloads[c]);
        await Task.WhenAll(sends);
        await harness.Store.WaitForAsync(total);
    }

    private static byte[] Round(int node, long timestamp)
    {
        var text = new StringBuilder();
        for (int m = 0; m < LinesPerRound; m++) text.Append($"node{node:D4}.group{m % 13}.metric{m} {m * 7 + node} {timestamp}\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}

/// <summary>Tests that count the whole process's allocations run after the parallel ones, alone in the assembly.</summary>
[CollectionDefinition(nameof(ProcessAllocationCollection), DisableParallelization = true)]
public sealed class ProcessAllocationCollection;
