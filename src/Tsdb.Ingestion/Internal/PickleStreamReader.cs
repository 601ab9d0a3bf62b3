using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Tsdb.Protocols.Pickle;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// The read loop of one pickle TCP connection: Twisted Int32StringReceiver framing (4-byte unsigned
/// big-endian length, then the payload). A length over the maximum closes the connection; an undecodable
/// frame is counted and skipped and the connection stays open.
/// </summary>
internal sealed class PickleStreamReader(
    PickleFrameDecoder decoder, BatchWriter batches, IngestionCounters counters, InvalidInputLog invalidLog,
    TimeProvider time, int maxFrameLength, string peer)
{
    private byte[]? _scratch;

    public Task<StreamEnd> RunAsync(PipeReader input, Func<bool> moreDataPending) =>
        ConnectionReadLoop.RunAsync(input, moreDataPending, ConsumeFrames, batches, counters, time);

    private bool ConsumeFrames(ref ReadOnlySequence<byte> buffer, long arrivalTime)
    {
        Span<byte> prefix = stackalloc byte[4];
        while (buffer.Length >= 4)
        {
            buffer.Slice(0, 4).CopyTo(prefix);
            uint length = BinaryPrimitives.ReadUInt32BigEndian(prefix);
            if (length > maxFrameLength) return false;
            if (buffer.Length - 4 < length) break;
            ReadOnlySequence<byte> frame = buffer.Slice(4, length);
            if (frame.IsSingleSegment)
            {
                Decode(frame.FirstSpan, arrivalTime);
            }
            else
            {
                _scratch ??= new byte[maxFrameLength];
                frame.CopyTo(_scratch);
                Decode(_scratch.AsSpan(0, (int)length), arrivalTime);
            }
            buffer = buffer.Slice(4 + length);
        }
        return true;
    }

    private void Decode(ReadOnlySpan<byte> frame, long arrivalTime)
    {
        if (batches.Current.Count == 0) batches.Current.ArrivalTime = arrivalTime;
        if (!decoder.TryDecode(frame, arrivalTime, batches.Current, out PickleFrameResult result, out string? error))
        {
            counters.PickleFrameRejected();
            invalidLog.Report(peer, $"invalid pickle ({error})", []);
            return;
        }
        batches.Seal();
        counters.AddPointsReceived(result.Accepted);
        counters.AddPointsDroppedNaN(result.DroppedNaN);
        counters.AddPickleEntriesSkipped(result.EntriesSkipped);
        counters.AddNamesInvalid(result.InvalidNames);
    }
}
