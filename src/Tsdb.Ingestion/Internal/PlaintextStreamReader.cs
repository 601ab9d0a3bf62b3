using System.Buffers;
using System.IO.Pipelines;
using Tsdb.Protocols;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// The read loop of one plaintext TCP connection: frames lines, parses them and batches the points.
/// A bad line is counted, logged (sampled) and skipped; the connection stays open. An unterminated last
/// line at end of stream is discarded, as Twisted's LineOnlyReceiver does.
/// </summary>
internal sealed class PlaintextStreamReader(
    PlaintextLineParser parser, BatchWriter batches, IngestionCounters counters, InvalidInputLog invalidLog,
    TimeProvider time, int maxLineLength, string peer) : ILineConsumer
{
    private readonly LineFramer _framer = new(maxLineLength);
    private long _arrivalTime;

    /// <summary>Runs until the peer closes, the read is cancelled (<see cref="PipeReader.CancelPendingRead"/>),
    /// or a line is too long. <paramref name="moreDataPending"/> says whether the socket already holds more
    /// bytes; when it does not, the partial batch is flushed so a lone line is visible quickly.</summary>
    public async Task<StreamEnd> RunAsync(PipeReader input, Func<bool> moreDataPending)
    {
        while (true)
        {
            ReadResult result = await input.ReadAsync().ConfigureAwait(false);
            ReadOnlySequence<byte> buffer = result.Buffer;
            _arrivalTime = time.GetUtcNow().ToUnixTimeSeconds();
            bool withinLimit = _framer.TryConsumeLines(ref buffer, this);
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

    public void OnLine(ReadOnlySpan<byte> line)
    {
        switch (parser.TryParse(line, _arrivalTime, out ParsedPoint point))
        {
            case PointParseStatus.Accepted:
                batches.Add(point.Name, point.Timestamp, point.Value, _arrivalTime);
                counters.AddPointsReceived(1);
                break;
            case PointParseStatus.DroppedNaN:
                counters.AddPointsDroppedNaN(1);
                break;
            case PointParseStatus.InvalidName:
                counters.AddNamesInvalid(1);
                invalidLog.Report(peer, "invalid metric name", line);
                break;
            default:
                counters.AddLinesInvalid(1);
                invalidLog.Report(peer, "invalid line", line);
                break;
        }
    }
}
