using System.Text.Json;
using TsdbServer.Tests.Support;
using Xunit.Abstractions;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// kill -9 under sustained TCP load, again and again on one data folder: the server always starts, every
/// point the WAL's last commit covered is back, what survived is exactly a prefix of what was sent, and
/// the 1 m rollups agree with the 1 s points. CI: 4 kills; TSDB_SOAK=1: 25 kills at the default commit interval.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Series = 20;

    [Fact]
    public async Task Kill_9_under_load_loses_nothing_the_wal_committed()
    {
        int kills = Soak.Pick(4, 25);
        const int rate = 20_000;
        string commitMs = Soak.Pick(200, 1000).ToString();
        var random = new Random(Soak.Seed(6001));
        using var data = new TempDirectory();
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // 1 s archive keeps 1 d: the stream starts 84,000 s ago and may use 80,000 rounds before reaching now.
        var load = new SequencedLoad(Series, now - 84_000);
        string[] args = ["--wal-commit-interval-ms", commitMs, "--checkpoint-interval-seconds", "2", "--udp", "false"];

        long recovered = 0, sentUpTo = 0, durableFloor = 0, appliedFloor = 0, totalLost = 0;
        for (int life = 0; ; life++)
        {
            // Every start after a kill must succeed and bring back at least what the WAL commit covered.
            await using var server = await ServerProcess.StartAsync(data.Path, args);
            long stored = await load.VerifyPrefixAsync(server.Http, sentUpTo, checkFrom: recovered);
            if (life > 0)
            {
                output.WriteLine($"kill {life}: sent {sentUpTo - recovered}, applied >= {appliedFloor - recovered}, durable >= {durableFloor - recovered}, " +
                    $"recovered {stored - recovered}, lost {sentUpTo - stored} of which applied {Math.Max(0, appliedFloor - stored)}");
                Assert.True(stored >= durableFloor,
                    $"kill {life}: {stored} points stored, but the WAL commit covered {durableFloor}\n{server.Output}");
                totalLost += sentUpTo - stored;
            }
            recovered = stored;
            Assert.True(recovered / Series < 80_000, "the stream would reach the present; lower the rate or the kills");
            if (life == kills)
            {
                int buckets = await load.VerifyRollupsAsync(server.Http, recovered, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
                Assert.Equal(recovered, await load.VerifyPrefixAsync(server.Http, sentUpTo));
                output.WriteLine($"final: {recovered} points stored, {buckets} 1 m buckets agree with the 1 s data, {totalLost} points lost in {kills} kills");
                return;
            }

            var (durable, applied, sent) = await LoadThenKillAsync(server, load, recovered, rate, random.Next(0, 800));
            durableFloor = recovered + durable;
            appliedFloor = recovered + applied;
            sentUpTo = recovered + sent;
        }
    }

    /// <summary>
    /// Sends the stream from <paramref name="from"/> at <paramref name="rate"/> points/s, waits until some of it
    /// is durable, lets the load run <paramref name="extraMs"/> more, then kill -9. Returns the points of this
    /// life known durable and applied at the kill, and the points handed to the socket.
    /// </summary>
    internal static async Task<(long Durable, long Applied, long Sent)> LoadThenKillAsync(
        ServerProcess server, SequencedLoad load, long from, int rate, int extraMs)
    {
        await using var probe = new DurabilityProbe(server, await PointsWrittenAsync(server));
        probe.Start();
        var sender = load.SendAsync(server.LinePort, from, long.MaxValue / 2, rate, CancellationToken.None);
        await probe.FirstDurable.WaitAsync(TimeSpan.FromSeconds(60));
        await Task.Delay(extraMs);
        long durable = probe.Durable, applied = probe.Applied;
        await server.KillAsync();
        return (durable, applied, await sender);
    }

    private static async Task<long> PointsWrittenAsync(ServerProcess server)
    {
        using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/health"));
        return doc.RootElement.GetProperty("pointsWritten").GetInt64();
    }
}
