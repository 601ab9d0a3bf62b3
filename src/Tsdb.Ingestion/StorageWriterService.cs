using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;

namespace Tsdb.Ingestion;

/// <summary>
/// The channel's single consumer: hands each batch to <see cref="IPointStore.Write"/>, one at a time.
/// Shutdown order (done by the host): stop the listeners, complete the channel's writer, await
/// <see cref="RunAsync"/> (it returns once the channel is drained), then flush storage.
/// A batch storage fails to write is logged, counted and dropped; the loop goes on. While
/// <paramref name="diskFull"/> says so, batches are dropped and their points counted without touching storage
/// (the channel keeps draining, so senders are never blocked by a full disk); the same while
/// <paramref name="storageFailed"/> says storage has failed for good (its files gone or unwritable: see
/// Tsdb.Storage.StorageFault), counted apart; the batch in whose write storage fails is logged as any failed write,
/// the later ones are not (storage logs its failure once). With <paramref name="names"/>
/// configured, the points carbon's whitelist and blacklist refuse are removed from each batch first.
/// </summary>
public sealed class StorageWriterService(
    ChannelReader<PointBatch> input, IPointStore store, IngestionCounters counters, ILogger<StorageWriterService> logger,
    Func<bool>? diskFull = null, MetricNameFilter? names = null, Func<bool>? storageFailed = null)
{
    /// <summary>Completes when the channel is completed and empty. Cancelling abandons undrained batches.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        long written = 0;
        while (await input.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (input.TryRead(out PointBatch? batch))
            {
                if (storageFailed is not null && storageFailed())
                {
                    counters.AddPointsDroppedStorageFailed(batch.Count);
                    PointBatchPool.Return(batch);
                    continue;
                }
                if (diskFull is not null && diskFull())
                {
                    counters.AddPointsDroppedDiskFull(batch.Count);
                    PointBatchPool.Return(batch);
                    continue;
                }
                try
                {
                    if (names is { IsConfigured: true }) names.Apply(batch, counters);
                    store.Write(batch);
                    counters.BatchWritten();
                    written++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    counters.StoreWriteFailed();
                    Log.StoreWriteFailed(logger, batch.Count, e);
                }
                PointBatchPool.Return(batch);
            }
        }
        Log.WriterDrained(logger, written);
    }
}
