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
    private int _accepted;

    /// <summary>Runs until the peer closes, the read is cancelled (<see cref="PipeReader.CancelPendingRead"/>),
    /// or a line is too long. <paramref name="moreDataPending"/> says whether the socket already holds more
    /// bytes; when it does not, the partial batch is flushed so a lone line is visible quickly.</summary>
    public Task<StreamEnd> RunAsync(PipeReader input, Func<bool> moreDataPending) =>
        ConnectionReadLoop.RunAsync(input, moreDataPending, ConsumeLines, batches, counters, time);

    private bool ConsumeLines(ref ReadOnlySequence<byte> buffer, long arrivalTime)
    {
        _arrivalTime = arrivalTime;
        bool withinLimit = _framer.TryConsumeLines(ref buffer, this);
        counters.AddPointsReceived(_accepted);
        _accepted = 0;
        return withinLimit;
    }

    public void OnLine(ReadOnlySpan<byte> line)
    {
        var status = parser.TryParse(line, _arrivalTime, out ParsedPoint point);
        if (ParsedLineOutcome.Apply(status, point, _arrivalTime, batches, counters, ref _accepted) is { } reason)
            invalidLog.Report(peer, reason, line);
    }
}
