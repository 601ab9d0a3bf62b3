using System.Diagnostics;
using TsdbServer.Tests.Support;
using Xunit.Abstractions;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// Disk full on a real filesystem: the data folder lives on a 128 MB tmpfs the test mounts, and a ballast file
/// eats the free space down below the server's reserve (--min-free-disk-mb). Writes stop with a log line and a
/// counter in /health, queries keep answering, ingestion resumes by itself once the ballast is gone, and after
/// a restart everything stored before and after the episode is intact.
/// </summary>
public sealed class DiskFullTests(ITestOutputHelper output)
{
    private const int ReserveMb = 48;

    [TmpfsFact]
    public async Task Full_disk_stops_writes_keeps_queries_and_resumes_when_space_returns()
    {
        using var fs = new TmpfsMount(128);
        string dataDir = Path.Combine(fs.Path, "data");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string[] args = ["--udp", "false", "--min-free-disk-mb", ReserveMb.ToString()];
        string ballast = Path.Combine(fs.Path, "ballast");

        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            await TenPoints.SendAsync(server.LinePort, "disk.before", now - 100);
            await TenPoints.WaitForValuesAsync(server, "disk.before", now, 10);

            long free = new DriveInfo(fs.Path).AvailableFreeSpace;
            FillWithBallast(ballast, free - ReserveMb * 1024L * 1024 + 4 * 1024 * 1024);
            var full = await server.WaitForHealthAsync(h => h.GetProperty("disk").GetProperty("full").GetBoolean());
            output.WriteLine($"full: {full.GetProperty("disk")}");
            await WaitForLogAsync(server, "Disk full:");

            await TenPoints.SendAsync(server.LinePort, "disk.during", now - 80);
            var dropped = await server.WaitForHealthAsync(h => h.GetProperty("ingestion").GetProperty("pointsDroppedDiskFull").GetInt64() >= 10);
            Assert.Equal(10, dropped.GetProperty("ingestion").GetProperty("pointsDroppedDiskFull").GetInt64());
            // Queries keep working on the full disk.
            Assert.Equal(10, (await TenPoints.ValuesAsync(server, "disk.before", now)).Count);
            Assert.Contains("disk.before", await server.Http.GetStringAsync("/metrics/find?query=disk.*"));

            File.Delete(ballast);
            await server.WaitForHealthAsync(h => !h.GetProperty("disk").GetProperty("full").GetBoolean());
            await WaitForLogAsync(server, "Disk space back:");
            await TenPoints.SendAsync(server.LinePort, "disk.after", now - 60);
            await TenPoints.WaitForValuesAsync(server, "disk.after", now, 10);
            Assert.Equal(0, await server.TerminateAsync());
        }

        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            var expected = Enumerable.Range(0, 10).Select(i => (double)i).ToList();
            Assert.Equal(expected, await TenPoints.ValuesAsync(server, "disk.before", now));
            Assert.Equal(expected, await TenPoints.ValuesAsync(server, "disk.after", now));
            Assert.Empty(await TenPoints.ValuesAsync(server, "disk.during", now));
        }
    }

    /// <summary>
    /// A SIGTERM when the disk is full to the last byte (another program filled it past the reserve): the final
    /// checkpoint cannot be written, the server says so and exits with code 1 at once, and after a restart every point
    /// that was durable is there: those of the earlier checkpoint, and the later ones the WAL had committed, because
    /// the failed checkpoint did not replace the earlier one. Before, FASTER's checkpoint waited for its failed page flush until the close
    /// timeout (120 s), and a systemd or docker stop killed the process.
    /// </summary>
    [TmpfsFact]
    public async Task A_stop_on_a_disk_full_to_the_last_byte_exits_at_once_and_loses_no_point()
    {
        using var fs = new TmpfsMount(128);
        string dataDir = Path.Combine(fs.Path, "data");
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        string[] args = ["--udp", "false", "--min-free-disk-mb", "1"];
        string ballast = Path.Combine(fs.Path, "ballast");

        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            await TenPoints.SendAsync(server.LinePort, "disk.checkpointed", now - 100);
            await TenPoints.WaitForValuesAsync(server, "disk.checkpointed", now, 10);
            Assert.Equal(0, await server.TerminateAsync());
        }
        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            await TenPoints.SendAsync(server.LinePort, "disk.in_wal", now - 80);
            await TenPoints.WaitForValuesAsync(server, "disk.in_wal", now, 10);
            // Durable once the WAL has committed them (at most a commit interval later): what fills the disk after
            // that cannot take them. Points not yet committed would be lost, as in a kill -9.
            await server.WaitForHealthAsync(h => h.GetProperty("walCommittedAddress").GetInt64() >= h.GetProperty("walTailAddress").GetInt64());
            FillWithBallast(ballast, new DriveInfo(fs.Path).AvailableFreeSpace + 1024 * 1024);

            var stopping = Stopwatch.StartNew();
            Assert.Equal(1, await server.TerminateAsync());
            output.WriteLine($"stopped after {stopping.ElapsedMilliseconds} ms");
            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(30), $"stopped after {stopping.Elapsed}");
            Assert.Contains("Final checkpoint skipped", server.Output);
        }
        File.Delete(ballast);

        await using (var server = await ServerProcess.StartAsync(dataDir, args))
        {
            var expected = Enumerable.Range(0, 10).Select(i => (double)i).ToList();
            Assert.Equal(expected, await TenPoints.ValuesAsync(server, "disk.checkpointed", now));
            Assert.Equal(expected, await TenPoints.ValuesAsync(server, "disk.in_wal", now));
        }
    }

    /// <summary>Writes real blocks (tmpfs allocates pages on write, not on a sparse extension); stops quietly when
    /// the filesystem is full first.</summary>
    private static void FillWithBallast(string path, long bytes)
    {
        var block = new byte[1024 * 1024];
        Array.Fill(block, (byte)0xA5);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1);
        try
        {
            for (long written = 0; written < bytes; written += block.Length) file.Write(block);
        }
        catch (IOException) when (new DriveInfo(System.IO.Path.GetDirectoryName(path)!).AvailableFreeSpace < block.Length)
        {
            // ENOSPC: full to the last block, as asked for.
        }
    }

    /// <summary>The console logger writes asynchronously: waits for the line to reach the captured output.</summary>
    private static async Task WaitForLogAsync(ServerProcess server, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!server.Output.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"no '{text}' in the log:\n" + server.Output);
            await Task.Delay(20);
        }
    }
}
