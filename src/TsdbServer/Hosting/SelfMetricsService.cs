using Tsdb.Core;
using Tsdb.Ingestion;
using Tsdb.Storage;
using TsdbServer.Options;

namespace TsdbServer.Hosting;

/// <summary>
/// carbon's instrumentation (carbon/lib/carbon/instrumentation.py): every SelfMetricsIntervalSeconds the
/// server stores its own counters as series under <c>carbon.agents.&lt;host&gt;.*</c>, so the Grafana that
/// watches the lab also watches the server. Points are written straight into the store (the store's write
/// gate serialises this with the channel's writer), not through the listeners, so they are not counted as
/// received. Registered after the ingestion service so that it stops first.
/// </summary>
public sealed class SelfMetricsService(
    ServerOptions options, TsdbStore store, IngestionCounters counters, TimeProvider time, ILogger<SelfMetricsService> logger)
    : BackgroundService
{
    private readonly SelfMetricsCollector _collector = new(SelfMetricsCollector.PrefixFor(Environment.MachineName));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _collector.Baseline(store.Statistics);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.SelfMetricsIntervalSeconds), time);
        try
        {
            long lastStamp = 0;
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A late tick followed by a prompt one can fall in the same second; its points would overwrite
                // the previous ones (last write wins per slot), so that tick is skipped and the next interval's
                // deltas include it.
                long stamp = time.GetUtcNow().ToUnixTimeSeconds();
                if (stamp <= lastStamp) continue;
                // A failed store writes nothing more; the failure was logged once, each tick would log it again.
                if (store.Failure is not null) continue;
                lastStamp = stamp;
                var batch = _collector.Collect(counters.Snapshot(), store.Statistics, stamp);
                try { store.Write(batch); }
                catch (Exception e) when (e is not ObjectDisposedException and not OutOfMemoryException)
                {
                    logger.LogWarning(e, "Storing self-metrics failed; the next interval tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host stopping.
        }
        catch (ObjectDisposedException)
        {
            // Storage closed under us during shutdown.
        }
    }
}
