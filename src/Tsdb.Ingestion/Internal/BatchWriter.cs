using System.Threading.Channels;
using Tsdb.Core;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// Collects one reader's points into batches. Adding is synchronous (it runs inside the framer's line
/// callback); full batches wait in a local queue until the reader's loop awaits <see cref="SendFullAsync"/>
/// or <see cref="FlushAsync"/>, where a full channel makes the reader wait (backpressure).
/// A batch is rented when the first point for it arrives, so an idle connection holds none: a thousand
/// collectl connections, each sending once a second, then share the pool's batches instead of each keeping one
/// and renting (past the pool's size: allocating) another at every flush. A new batch starts small (a collectl node
/// sends about a hundred lines a second) and grows to the batch size when a flood fills it.
/// One instance per connection or datagram loop; not thread-safe.
/// </summary>
internal sealed class BatchWriter(ChannelWriter<PointBatch> output, int batchSize)
{
    private readonly Queue<PointBatch> _full = new();
    private PointBatch? _current;

    /// <summary>The batch being filled (rented on first use); callers that append directly (the pickle decoder)
    /// call <see cref="Seal"/> after.</summary>
    public PointBatch Current => _current ??= PointBatchPool.Rent(Math.Min(batchSize, InitialCapacity));

    private const int InitialCapacity = 128;

    public void Add(string name, object? series, long timestamp, double value, long arrivalTime)
    {
        var current = Current;
        if (current.Count == 0) current.ArrivalTime = arrivalTime;
        current.Add(name, timestamp, value, series);
        Seal();
    }

    /// <summary>Queues the current batch if it reached the batch size.</summary>
    public void Seal()
    {
        if (_current is null || _current.Count < batchSize) return;
        _full.Enqueue(_current);
        _current = null;
    }

    public async ValueTask SendFullAsync()
    {
        while (_full.TryDequeue(out PointBatch? batch)) await output.WriteAsync(batch).ConfigureAwait(false);
    }

    /// <summary>
    /// UDP's hand-over: full and partial batches go to the channel without waiting; a batch the full channel
    /// cannot take is dropped and its points returned as the count to report. Datagrams have no backpressure:
    /// waiting would only move the loss into the kernel's receive buffer, where nobody counts it.
    /// </summary>
    public int TryFlush(bool includePartial)
    {
        int dropped = 0;
        if (includePartial && _current is { Count: > 0 })
        {
            _full.Enqueue(_current);
            _current = null;
        }
        while (_full.TryDequeue(out PointBatch? batch))
            if (!output.TryWrite(batch))
            {
                dropped += batch.Count;
                PointBatchPool.Return(batch);
            }
        return dropped;
    }

    /// <summary>Sends full batches and the partial one, so a lone line becomes visible promptly.</summary>
    public async ValueTask FlushAsync()
    {
        await SendFullAsync().ConfigureAwait(false);
        if (_current is not { Count: > 0 } batch) return;
        _current = null;
        await output.WriteAsync(batch).ConfigureAwait(false);
    }
}
