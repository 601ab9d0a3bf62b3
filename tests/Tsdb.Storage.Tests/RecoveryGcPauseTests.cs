using System.Runtime;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage.Internal;

namespace Tsdb.Storage.Tests;

/// <summary>Recovery holding garbage collection off (a process-wide GC mode, held by one store at a time). The
/// tests assert that process-wide state, so they run alone (<see cref="ProcessWideGcCollection"/>): a store of
/// another class recovering beside them could hold the region (in one CI run `again.Started` was false).</summary>
[Collection(nameof(ProcessWideGcCollection))]
public sealed class RecoveryGcPauseTests
{
    private const long T0 = 1795986000;

    [Fact]
    public void Small_recoveries_take_no_region()
    {
        using var pause = RecoveryGcPause.Begin(RecoveryGcPause.MinimumBytes - 1, NullLogger.Instance);
        Assert.False(pause.Started);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void The_region_is_held_once_at_a_time_and_left_on_dispose()
    {
        var first = RecoveryGcPause.Begin(RecoveryGcPause.MinimumBytes, NullLogger.Instance);
        try
        {
            Assert.True(first.Started);
            using var second = RecoveryGcPause.Begin(RecoveryGcPause.MinimumBytes, NullLogger.Instance);
            Assert.False(second.Started);
        }
        finally
        {
            first.Dispose();
        }
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        using var again = RecoveryGcPause.Begin(RecoveryGcPause.MinimumBytes, NullLogger.Instance);
        Assert.True(again.Started);
    }

    [Fact]
    public void A_region_the_GC_ended_itself_is_disposed_quietly()
    {
        var pause = RecoveryGcPause.Begin(RecoveryGcPause.MinimumBytes, NullLogger.Instance);
        Assert.True(pause.Started);
        // More than the region allows: the GC collects and leaves the mode by itself.
        for (int i = 0; i < 2 * (RecoveryGcPause.MinimumBytes >> 20); i++) GC.KeepAlive(new byte[1 << 20]);
        pause.Dispose();
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    /// <summary>A crash replay large enough to take the region (80,000 new series): every series and point
    /// is back, rollups included, and the process is out of the no-GC mode afterwards.</summary>
    [Fact]
    public async Task A_replay_under_the_region_reads_everything_back()
    {
        const int Series = 80_000;
        await using var f = new StoreFixture(T0 + 300, "[all]\npattern = .*\nretentions = 10s:1h,1m:1d\n");
        for (int start = 0; start < Series; start += 10_000)
        {
            var batch = new Core.PointBatch(10_000) { ArrivalTime = f.Time.Now };
            for (int s = start; s < start + 10_000; s++) batch.Add($"host{s % 100}.metric{s}", T0 + s % 60, s);
            f.Store.Write(batch);
        }
        long walBytes = f.Store.Statistics.WalBytes;
        Assert.True(RecoveryGcPause.ExpectedBytes(0, walBytes) >= RecoveryGcPause.MinimumBytes, $"WAL {walBytes} bytes");

        await f.CrashAndReopenAsync();

        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        Assert.Equal(Series, f.Store.Statistics.SeriesCount);
        Assert.Equal(Series, f.Store.Statistics.PointsWritten);
        for (int s = 0; s < Series; s += 997)
        {
            long t = T0 + s % 60;
            var values = f.Fetch($"host{s % 100}.metric{s}", T0 - 1, T0 + 59, out long first, out long step);
            Assert.Equal(10, step);
            Assert.Equal(s, values[(t - t % 10 - first) / 10]);
            var minute = f.Store.Fetch($"host{s % 100}.metric{s}", T0 - 3601, T0 + 59, f.Time.Now)!;
            Assert.Equal(60, minute.Step);
            Assert.Equal(s, minute.Values[^1]);
        }
    }
}

/// <summary>Tests that change or assert the process's GC mode: run with no other test beside them.</summary>
[CollectionDefinition(nameof(ProcessWideGcCollection), DisableParallelization = true)]
public sealed class ProcessWideGcCollection;
