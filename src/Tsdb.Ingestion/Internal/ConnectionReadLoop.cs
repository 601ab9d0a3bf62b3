using System.Buffers;
using System.IO.Pipelines;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// The read loop shared by the plaintext and pickle TCP connections. Each read is stamped with its
/// arrival time and handed to <see cref="Consume"/>, which frames and parses as much as it can and
/// returns false when a frame or line is over its limit (the connection is then closed). After each read
/// the partial batch is flushed unless the socket already holds more bytes, so a lone line is visible
/// quickly while a stream still fills whole batches.
/// </summary>
internal static class ConnectionReadLoop
{
    /// <summary>Consumes complete frames from the front of <paramref name="buffer"/>; false = over the limit.</summary>
    public delegate bool Consume(ref ReadOnlySequence<byte> buffer, long arrivalTime);

    public static async Task<StreamEnd> RunAsync(
        PipeReader input, Func<bool> moreDataPending, Consume consume, BatchWriter batches,
        IngestionCounters counters, TimeProvider time)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            bool withinLimit = consume(ref buffer, time.GetUtcNow().ToUnixTimeSeconds());
            input.AdvanceTo(buffer.Start, buffer.End);

            if (!withinLimit)
            {
                counters.ConnectionClosedOversize();
                await batches.FlushAsync().ConfigureAwait(false);
                return StreamEnd.Oversize;
            }
            if (result.IsCompleted || result.IsCanceled)
            {
                await batches.FlushAsync().ConfigureAwait(false);
                return result.IsCanceled ? StreamEnd.Stopped : StreamEnd.PeerClosed;
            }
            if (moreDataPending()) await batches.SendFullAsync().ConfigureAwait(false);
            else await batches.FlushAsync().ConfigureAwait(false);
        }
    }
}
