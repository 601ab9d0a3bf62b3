using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using TsdbServer.Tests.Support;
using Xunit.Abstractions;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// SIGTERM while a sender streams: listeners stop, every byte the server's kernel had received is still read,
/// parsed and written, the WAL is committed and a checkpoint taken, and a restart finds it all.
/// "Acknowledged" here is TCP's own acknowledgement: the client's write returned and its kernel send queue is
/// empty (TIOCOUTQ = 0), so the bytes sit in the server's receive queue or were read already. That is the test's
/// barrier before SIGTERM; sixteen idle connections deliver theirs while the server is stopped (SIGSTOP), so at
/// SIGTERM their bytes are unread in its kernel (a listener that only cancels its reads loses them). Writes after
/// SIGTERM are best effort (a write can succeed into the client's send queue after the server closed): they may
/// be stored or not, but what is stored stays a prefix of the stream.
/// </summary>
public sealed partial class GracefulShutdownTests(ITestOutputHelper output)
{
    private const int Series = 20;
    private const int TIOCOUTQ = 0x5411;
    private const int Bursts = 16;
    private const int BurstPoints = 3_600;

    [Fact]
    public async Task Sigterm_under_load_stores_everything_the_server_had_received()
    {
        using var data = new TempDirectory();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var load = new SequencedLoad(Series, now - 80_000);
        const long barrier = 100_000, afterwards = 2_000_000;
        // One batch in flight between the listeners and storage: the readers run at storage's pace, so the
        // kernel still holds unread bytes when the listeners stop (the path this test is about).
        string[] args = ["--udp", "false", "--Tsdb:ChannelCapacity=1"];

        long writtenOk;
        await using (var server = await ServerProcess.StartAsync(data.Path, args))
        {
            using var busy = new TcpClient();
            await busy.ConnectAsync("127.0.0.1", server.LinePort);
            var stream = busy.GetStream();
            long k = 0;
            while (k < barrier) k = await WriteChunkAsync(stream, load, k, barrier);
            await WaitUntilDeliveredAsync(busy.Client);

            // Bursts: connections that each deliver their points at once and then stay open and idle, as collectl
            // does between samples. They are delivered while the server is stopped (SIGSTOP), so at SIGTERM all of
            // their bytes sit unread in the server's kernel; shutdown must read them and must not wait for the
            // connections to close.
            var bursts = new TcpClient[Bursts];
            for (int c = 0; c < Bursts; c++)
            {
                bursts[c] = new TcpClient();
                await bursts[c].ConnectAsync("127.0.0.1", server.LinePort);
            }
            server.Suspend();
            for (int c = 0; c < Bursts; c++) await bursts[c].GetStream().WriteAsync(BurstPayload(c, now));
            foreach (var client in bursts) await WaitUntilDeliveredAsync(client.Client);

            var terminated = server.TerminateAsync(TimeSpan.FromSeconds(60));
            server.Resume();
            // Keep streaming as collectl would, until the closed connection makes a write fail.
            try
            {
                while (k < barrier + afterwards && !terminated.IsCompleted) k = await WriteChunkAsync(stream, load, k, barrier + afterwards);
            }
            catch (IOException)
            {
                // The server closed the connection: the write that failed is not acknowledged.
            }
            writtenOk = k;
            Assert.Equal(0, await terminated);
            foreach (var client in bursts) client.Dispose();
            var drained = DrainedLine().Match(server.Output);
            Assert.True(drained.Success, "no drain report in the log:\n" + server.Output);
            Assert.Contains("Storage closed cleanly", server.Output);
            output.WriteLine($"delivered before SIGTERM: {barrier} stream points + {Bursts} x {BurstPoints} burst points; " +
                $"{writtenOk - barrier} more stream points accepted by the client socket after it; at stop: {drained.Value}");
        }

        await using (var server = await ServerProcess.StartAsync(data.Path, args))
        {
            long stored = await load.VerifyPrefixAsync(server.Http, writtenOk);
            output.WriteLine($"after restart: {stored} stream points stored ({stored - barrier} of those sent after the barrier)");
            Assert.True(stored >= barrier, $"{stored} points stored, {barrier} were delivered before SIGTERM\n{server.Output}");
            var burstPoints = await SequencedLoad.RenderAsync(server.Http, "drain.*", now - BurstPoints - 10, now);
            for (int c = 0; c < Bursts; c++)
            {
                var values = burstPoints.TryGetValue($"drain.c{c}", out var points) ? points.Select(p => p.Value).ToList() : [];
                Assert.True(values.SequenceEqual(Enumerable.Range(0, BurstPoints).Select(i => (double)i)),
                    $"drain.c{c}: {values.Count} of {BurstPoints} points stored\n{server.Output}");
            }
        }
    }

    /// <summary>Points 0..BurstPoints-1 of series drain.c{c}, one a second ending 5 s ago, value = index.</summary>
    private static byte[] BurstPayload(int c, long now)
    {
        var text = new StringBuilder();
        for (int i = 0; i < BurstPoints; i++) text.Append("drain.c").Append(c).Append(' ').Append(i).Append(' ').Append(now - 5 - BurstPoints + i).Append('\n');
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static async Task<long> WriteChunkAsync(NetworkStream stream, SequencedLoad load, long k, long end)
    {
        var text = new StringBuilder();
        long stop = Math.Min(end, k + 1000);
        for (long i = k; i < stop; i++)
            text.Append(load.Name((int)(i % Series))).Append(' ').Append(i).Append(' ').Append(load.Timestamp(i)).Append('\n');
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()));
        return stop;
    }

    /// <summary>Waits until the peer's TCP has acknowledged every byte written (the send queue is empty).</summary>
    private static async Task WaitUntilDeliveredAsync(Socket socket)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (ioctl((int)socket.Handle, TIOCOUTQ, out int unacknowledged) != 0)
                throw new InvalidOperationException($"ioctl(TIOCOUTQ) failed: errno {Marshal.GetLastPInvokeError()}");
            if (unacknowledged == 0) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{unacknowledged} bytes never acknowledged");
            await Task.Delay(5);
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out int value);

    [GeneratedRegex(@"PlaintextTcpListener stopped: drained \d+ connections \(\d+ bytes were still queued in the kernel\)")]
    private static partial Regex DrainedLine();
}
