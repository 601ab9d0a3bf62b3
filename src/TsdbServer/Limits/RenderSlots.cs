using TsdbServer.Options;

namespace TsdbServer.Limits;

/// <summary>
/// The MaxConcurrentRenders slots and the bounded queue in front of them (MaxQueuedRenders, each waiting at
/// most RenderTimeoutSeconds). One per server; <see cref="QueryLimitsMiddleware"/> takes and releases them.
/// </summary>
public sealed class RenderSlots(QueryLimitsOptions limits)
{
    private readonly SemaphoreSlim _slots = new(limits.MaxConcurrentRenders, limits.MaxConcurrentRenders);
    private int _queued;

    /// <summary>Renders waiting for a slot now.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>A free slot at once, else a place in the queue and a wait of at most RenderTimeoutSeconds;
    /// false when the queue is full or the wait timed out. True must be paired with <see cref="Release"/>.</summary>
    /// <exception cref="OperationCanceledException">The client went away while waiting.</exception>
    public async Task<bool> AcquireAsync(CancellationToken aborted)
    {
        if (_slots.Wait(0)) return true;
        if (Interlocked.Increment(ref _queued) > limits.MaxQueuedRenders)
        {
            Interlocked.Decrement(ref _queued);
            return false;
        }
        try
        {
            return await _slots.WaitAsync(TimeSpan.FromSeconds(limits.RenderTimeoutSeconds), aborted);
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public void Release() => _slots.Release();
}
