namespace Tsdb.Storage.Tests;

/// <summary>The WAL on disk after a checkpoint: segment files wholly below the address the checkpoint
/// covers are deleted (once a durable commit records the new begin address), the rest is kept, and every
/// point reads back after a clean restart and after a crash.</summary>
public sealed class WalTruncationTests
{
    private const long T0 = 1795986000;
    private const string Schemas = "[all]\npattern = .*\nretentions = 10s:1h,1m:1d\n";
    private const int Series = 300;

    /// <summary>300 series x <paramref name="points"/> points at 10 s, about 12 WAL bytes a point.</summary>
    private static void WriteMany(StoreFixture f, long start, int points, int first = 0)
    {
        for (int p = first; p < first + points; p++)
        {
            var batch = new Core.PointBatch(Series) { ArrivalTime = f.Time.Now };
            for (int s = 0; s < Series; s++) batch.Add($"host{s % 10}.cpu{s}", start + p * 10, s * 1000 + p);
            f.Store.Write(batch);
        }
    }

    private static void AssertAll(StoreFixture f, long start, int points)
    {
        for (int s = 0; s < Series; s++)
        {
            var values = f.Fetch($"host{s % 10}.cpu{s}", start - 1, start + (points - 1) * 10, out long first, out long step);
            Assert.Equal(10, step);
            for (int p = 0; p < points; p++)
                Assert.Equal(s * 1000 + p, values[(start + p * 10 - first) / 10]);
        }
    }

    private static FileInfo[] Segments(StoreFixture f) =>
        new DirectoryInfo(Path.Combine(f.Options.DataDirectory, "wal")).GetFiles("wal.log.*");

    private static void AssertOnlySegmentsFrom(StoreFixture f, long covered)
    {
        int bits = f.Options.WalSegmentSizeBits;
        long first = covered >> bits;
        var segments = Segments(f);
        var below = segments.Where(s => long.Parse(s.Name["wal.log.".Length..]) < first).Select(s => s.Name).ToArray();
        Assert.True(below.Length == 0, $"segments below {covered} (segment {first}) left: {string.Join(", ", below)}");
        long last = (f.Store.Statistics.WalTailAddress - 1) >> bits;
        Assert.True(segments.Length <= last - first + 1, $"{segments.Length} segments for [{first}, {last}]");
        Assert.True(segments.Sum(s => s.Length) <= (last - first + 1) << bits);
    }

    [Fact]
    public async Task Clean_shutdown_leaves_no_segment_and_everything_reads_back_and_survives_a_later_crash()
    {
        await using var f = new StoreFixture(T0 + 3000, Schemas);
        WriteMany(f, T0, 300);
        long tail = f.Store.Statistics.WalTailAddress;
        Assert.True(tail >> f.Options.WalSegmentSizeBits >= 8, $"only {tail} WAL bytes");
        Assert.True(Segments(f).Length >= 8);
        await f.Store.DisposeAsync();
        var segments = Segments(f);
        Assert.True(segments.Length == 0, $"{segments.Sum(s => s.Length)} bytes left in " + string.Join(", ", segments.Select(s => s.Name)));
        await f.ReopenAsync();
        AssertAll(f, T0, 300);
        Assert.Equal(0, f.Store.Statistics.WalRecordsReplayed);
        Assert.Equal(Series, f.Store.Statistics.SeriesCount);
        // The next entries start at the old tail, in a new segment file, and replay after a crash.
        Assert.Equal(tail, f.Store.Statistics.WalTailAddress);
        f.Time.Now += 200;
        WriteMany(f, T0, 20, first: 300);
        await f.CrashAndReopenAsync();
        Assert.True(f.Store.Statistics.WalRecordsReplayed > 0);
        AssertAll(f, T0, 320);
    }

    [Fact]
    public async Task Crash_after_a_checkpoint_keeps_the_segments_it_needs_and_replays_them()
    {
        await using var f = new StoreFixture(T0 + 3000, Schemas);
        WriteMany(f, T0, 150);
        await f.Store.CheckpointAsync();
        long covered = f.Store.Statistics.WalTailAddress;
        Assert.True(covered >> f.Options.WalSegmentSizeBits >= 4, $"only {covered} WAL bytes");
        WriteMany(f, T0, 150, first: 150);
        AssertOnlySegmentsFrom(f, covered);
        await f.Store.AbandonAfterWalCommitAsync();
        await f.ReopenAsync();
        Assert.True(f.Store.Statistics.WalRecordsReplayed > 0);
        AssertAll(f, T0, 300);
        AssertOnlySegmentsFrom(f, covered);
        // a clean shutdown of the recovered store then leaves only the tail segment.
        await f.RestartAsync();
        AssertAll(f, T0, 300);
        Assert.True(Segments(f).Length <= 1, $"{Segments(f).Length} segments after the restart");
    }
}
