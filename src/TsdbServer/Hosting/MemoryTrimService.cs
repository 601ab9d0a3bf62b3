using System.Diagnostics;
using Tsdb.Storage;
using TsdbServer.Options;

namespace TsdbServer.Hosting;

/// <summary>
/// Every <see cref="ServerOptions.MemoryTrimIntervalSeconds"/> asks <see cref="MemoryTrimPolicy"/> whether the
/// GC holds enough unused memory to be worth a full collection (see the policy for when and which kind), runs it,
/// and logs it: a compacting one with what it gave back and how long it paused, followed by a trim of the C heap,
/// where the evicted chunks' values were freed.
/// </summary>
public sealed class MemoryTrimService(ServerOptions options, TsdbStore store, TimeProvider time, ILogger<MemoryTrimService> logger)
    : BackgroundService
{
    /// <summary>A quiet store is trimmed at the first check that finds it quiet: a million series loaded in a burst
    /// left about 1.4 KiB of RSS each until a trim (the policy trims again once the sweeps evicted the chunks).</summary>
    private readonly MemoryTrimPolicy _policy = new(TimeSpan.Zero);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.MemoryTrimIntervalSeconds), time);
        var last = store.Statistics;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var stats = store.Statistics;
                long written = stats.PointsWritten - last.PointsWritten, evicted = stats.ChunkBytesEvicted - last.ChunkBytesEvicted;
                last = stats;
                var before = GcMemoryFigures.Current();
                var now = time.GetUtcNow();
                var decision = _policy.Decide(before, written, stats.SeriesCount, now, evicted);
                if (decision == MemoryTrim.None) continue;
                if (decision == MemoryTrim.Background)
                {
                    // With concurrent GC this starts a background collection and returns; the writer goes on.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
                    _policy.Trimmed();
                    logger.LogInformation("Background collection while points flow: GC committed {Committed} MiB, live {Live} MiB ({Series} series)",
                        before.Committed >> 20, before.Live >> 20, stats.SeriesCount);
                    continue;
                }
                var watch = Stopwatch.StartNew();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                var after = GcMemoryFigures.Current();
                bool native = NativeHeapTrim.Run();
                _policy.Trimmed();
                logger.LogInformation(
                    "Memory trimmed in {Milliseconds} ms: GC committed {Before} -> {After} MiB, live {Live} MiB ({Series} series); C heap {Native}",
                    watch.ElapsedMilliseconds, before.Committed >> 20, after.Committed >> 20, after.Live >> 20, stats.SeriesCount,
                    native ? "trimmed" : "had nothing to give back");
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
    }
}
