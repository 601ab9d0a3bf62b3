using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// What a crash can leave behind beyond a lost tail, at process level: a torn or garbage WAL tail and a
/// missing chunk checkpoint. The server must start, keep an exact prefix of the stream, log what it
/// discarded, and take new points.
/// </summary>
public sealed class DamagedDataFolderTests
{
    private const int Series = 5;

    [Fact]
    public async Task Torn_and_garbage_wal_tail_keeps_a_prefix_and_the_server_takes_new_points()
    {
        using var data = new TempDirectory();
        var load = new SequencedLoad(Series, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 80_000);
        string[] args = ["--wal-commit-interval-ms", "100", "--udp", "false"];
        long durable, sent;
        await using (var server = await ServerProcess.StartAsync(data.Path, args))
            (durable, _, sent) = await CrashRecoveryTests.LoadThenKillAsync(server, load, 0, 10_000, 300);

        // Tear the last segment inside its committed part, then append bytes no writer produced.
        string segment = Directory.GetFiles(Path.Combine(data.Path, "wal"), "wal.log*").OrderBy(f => f.Length).ThenBy(f => f).Last();
        var random = new Random(Soak.Seed(6002));
        await using (var file = new FileStream(segment, FileMode.Open))
        {
            file.SetLength(file.Length - Math.Min(file.Length / 3, 1 + random.Next(4096)));
            file.Seek(0, SeekOrigin.End);
            byte[] garbage = new byte[777];
            random.NextBytes(garbage);
            file.Write(garbage);
        }

        await using (var server = await ServerProcess.StartAsync(data.Path, args))
        {
            long stored = await load.VerifyPrefixAsync(server.Http, sent);
            // Losing committed points is allowed only with a log line that says so.
            if (stored < durable)
                Assert.True(server.Output.Contains("the rest of the WAL is discarded") || server.Output.Contains("WAL could not be recovered"), server.Output);
            // New points after the damage are taken and read back.
            await load.SendAsync(server.LinePort, stored, stored + 10 * Series, 100_000, CancellationToken.None);
            await WaitForPrefixAsync(server, load, stored + 10 * Series);
        }
    }

    [Fact]
    public async Task Missing_checkpoint_replays_the_whole_wal()
    {
        using var data = new TempDirectory();
        var load = new SequencedLoad(Series, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 80_000);
        // No checkpoint during the run: the WAL still holds every point from the first one.
        string[] args = ["--wal-commit-interval-ms", "100", "--checkpoint-interval-seconds", "3600", "--udp", "false"];
        long durable, sent;
        await using (var server = await ServerProcess.StartAsync(data.Path, args))
            (durable, _, sent) = await CrashRecoveryTests.LoadThenKillAsync(server, load, 0, 10_000, 300);

        Directory.Delete(Path.Combine(data.Path, "chunks"), recursive: true);

        await using var restarted = await ServerProcess.StartAsync(data.Path, args);
        long stored = await load.VerifyPrefixAsync(restarted.Http, sent);
        Assert.True(stored >= durable, $"{stored} stored, {durable} were durable\n{restarted.Output}");
    }

    private static async Task WaitForPrefixAsync(ServerProcess server, SequencedLoad load, long count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await load.VerifyPrefixAsync(server.Http, count) < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("new points not stored:\n" + server.Output);
            await Task.Delay(50);
        }
    }
}
