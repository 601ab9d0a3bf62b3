using Tsdb.Core;

namespace Tsdb.Storage.Tests;

/// <summary>
/// A store whose data folder is removed while it is open (the files are unlinked; FASTER would wait for good on the
/// first page flush or checkpoint file that needs a new file): it reports the failure, writes nothing more, still
/// answers reads from memory, and closes instead of hanging. The FASTER buffers of <see cref="StoreFixture"/> are a
/// few KB, so pages really go to disk.
/// </summary>
public sealed class StorageFailureTests
{
    private const long Now = 1_800_000_000;

    /// <summary>A hang guard, not a timing assertion: a healthy close of this store takes milliseconds.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private static void WriteMinute(StoreFixture f, int series, long end)
    {
        var batch = new PointBatch(series * 60) { ArrivalTime = end };
        for (long t = end - 59; t <= end; t++)
            for (int s = 0; s < series; s++) batch.Add($"vm{s:D3}.disk.writekbs", t, s + t % 7);
        f.Store.Write(batch);
    }

    [Fact]
    public async Task A_removed_data_folder_fails_the_store_which_writes_nothing_more_and_still_closes()
    {
        var f = new StoreFixture(Now);
        try
        {
            WriteMinute(f, 200, Now);
            await f.Store.CheckpointAsync();
            Assert.Null(f.Store.Failure);
            long written = f.Store.Statistics.PointsWritten;

            Directory.Delete(f.Options.DataDirectory, recursive: true);
            await Assert.ThrowsAsync<StorageFailedException>(() => f.Store.CheckpointAsync());
            Assert.Contains($"the data folder {f.Options.DataDirectory} is gone", f.Store.Failure);

            f.Time.Now += 60;
            var refused = Assert.Throws<StorageFailedException>(() => WriteMinute(f, 200, Now + 60));
            Assert.Contains("is gone", refused.Message);
            Assert.Equal(written, f.Store.Statistics.PointsWritten);

            // What is in memory is still read.
            var values = f.Fetch("vm007.disk.writekbs", Now - 60, Now, out long start, out _);
            Assert.Equal(Now - 59, start);
            Assert.Equal(7 + (Now - 59) % 7, values[0]);

            await f.Store.DisposeAsync().AsTask().WaitAsync(Hang);
        }
        finally
        {
            try { Directory.Delete(f.Directory, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task Closing_a_store_whose_folder_went_away_with_unflushed_pages_skips_the_checkpoint_instead_of_hanging()
    {
        var f = new StoreFixture(Now);
        try
        {
            // Many series' open chunks, none stored yet: the final checkpoint has pages to flush into new files.
            for (int m = 0; m < 3; m++)
            {
                f.Time.Now = Now + 60 * m;
                WriteMinute(f, 500, f.Time.Now);
            }
            Directory.Delete(f.Options.DataDirectory, recursive: true);

            await f.Store.DisposeAsync().AsTask().WaitAsync(Hang);
            Assert.Contains("is gone", f.Store.Failure);
        }
        finally
        {
            try { Directory.Delete(f.Directory, recursive: true); }
            catch (IOException) { }
        }
    }
}
