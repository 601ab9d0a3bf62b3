namespace Tsdb.Storage.Tests;

/// <summary>Startup must survive a damaged WAL or a missing checkpoint, keeping what is still valid.</summary>
public sealed class DamagedFilesTests
{
    private const long T0 = 1795986000;

    [Fact]
    public async Task Truncated_wal_tail_keeps_the_valid_prefix()
    {
        await using var f = new StoreFixture(T0 + 600);
        f.Write(("early", T0, 1));
        var batch = new Core.PointBatch(2000) { ArrivalTime = f.Time.Now };
        for (int i = 0; i < 2000; i++) batch.Add($"late.m{i}", T0 + 1, i);
        f.Store.Write(batch);
        await f.Store.AbandonAfterWalCommitAsync();

        string segment = Directory.GetFiles(Path.Combine(f.Options.DataDirectory, "wal"), "wal.log*").Single();
        using (var file = new FileStream(segment, FileMode.Open)) file.SetLength(file.Length / 2);

        await f.ReopenAsync();
        Assert.Equal(1.0, f.Store.Fetch("early", T0 - 1, T0, f.Time.Now)!.Values[0]);
        Assert.True(f.Store.Statistics.SeriesCount < 2001);
    }

    [Fact]
    public async Task Missing_checkpoint_starts_and_replays_what_the_wal_still_has()
    {
        await using var f = new StoreFixture(T0 + 600);
        f.Write(("kept", T0, 1));
        await f.Store.AbandonAfterWalCommitAsync();
        Directory.Delete(Path.Combine(f.Options.DataDirectory, "chunks"), recursive: true);
        await f.ReopenAsync();
        Assert.Equal(1.0, f.Store.Fetch("kept", T0 - 1, T0, f.Time.Now)!.Values[0]);
    }

    [Fact]
    public async Task Unreadable_checkpoint_is_moved_aside()
    {
        await using var f = new StoreFixture(T0 + 600);
        f.Write(("a", T0, 1));
        await f.Store.CheckpointAsync();
        await f.Store.AbandonAfterWalCommitAsync();
        foreach (var file in Directory.GetFiles(Path.Combine(f.Options.DataDirectory, "chunks", "checkpoints"), "*", SearchOption.AllDirectories))
            File.WriteAllText(file, "garbage");
        await f.ReopenAsync();
        Assert.True(Directory.GetDirectories(f.Options.DataDirectory, "chunks.broken-*").Length == 1);
        f.Write(("b", T0, 2));
        Assert.Equal(2.0, f.Store.Fetch("b", T0 - 1, T0, f.Time.Now)!.Values[0]);
    }
}
