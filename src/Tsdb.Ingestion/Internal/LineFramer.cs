using System.Buffers;

namespace Tsdb.Ingestion.Internal;

/// <summary>Receives each complete line, without its '\n'. The span is only valid during the call.</summary>
internal interface ILineConsumer
{
    void OnLine(ReadOnlySpan<byte> line);
}

/// <summary>
/// '\n' framing over a <see cref="ReadOnlySequence{T}"/>, with Twisted LineOnlyReceiver's limit: a line, or
/// the unterminated rest of the buffer, longer than the maximum ends the connection. Lines inside one segment
/// are found with a vectorized span search and delivered in place; only a line split across segments is
/// copied into a per-connection scratch buffer. The split case is the usual one after the first read: the
/// pipe keeps the previous read's unterminated tail in its own segment and appends the new bytes after it.
/// </summary>
internal sealed class LineFramer(int maxLineLength)
{
    private byte[]? _scratch;

    /// <summary>Consumes every complete line and slices <paramref name="buffer"/> to the unconsumed rest.
    /// False when the length limit was exceeded; lines before the offending one were delivered.</summary>
    public bool TryConsumeLines<T>(ref ReadOnlySequence<byte> buffer, T consumer) where T : ILineConsumer
    {
        if (!buffer.IsSingleSegment) return TryConsumeSegments(ref buffer, consumer);

        ReadOnlySpan<byte> span = buffer.FirstSpan;
        int consumed = ConsumeWithin(span, consumer);
        if (consumed < 0)
        {
            buffer = buffer.Slice(~consumed);
            return false;
        }
        buffer = buffer.Slice(consumed);
        return buffer.Length <= maxLineLength;
    }

    private bool TryConsumeSegments<T>(ref ReadOnlySequence<byte> buffer, T consumer) where T : ILineConsumer
    {
        // lineStart: the first byte not delivered yet; pending: how many of its bytes lie in segments before
        // the current one (0 = the line starts in the current segment).
        SequencePosition lineStart = buffer.Start;
        long pending = 0;
        SequencePosition segmentStart = buffer.Start;
        SequencePosition next = buffer.Start;
        while (buffer.TryGet(ref next, out ReadOnlyMemory<byte> memory))
        {
            ReadOnlySpan<byte> span = memory.Span;
            int consumed = 0;
            if (pending > 0)
            {
                int newline = span.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    pending += span.Length;
                    segmentStart = next;
                    continue;
                }
                long length = pending + newline;
                if (length > maxLineLength)
                {
                    buffer = buffer.Slice(lineStart);
                    return false;
                }
                _scratch ??= new byte[maxLineLength];
                buffer.Slice(lineStart, length).CopyTo(_scratch);
                consumer.OnLine(_scratch.AsSpan(0, (int)length));
                consumed = newline + 1;
            }
            int within = ConsumeWithin(span[consumed..], consumer);
            if (within < 0)
            {
                buffer = buffer.Slice(buffer.GetPosition(consumed + ~within, segmentStart));
                return false;
            }
            consumed += within;
            lineStart = buffer.GetPosition(consumed, segmentStart);
            pending = span.Length - consumed;
            segmentStart = next;
        }
        buffer = buffer.Slice(lineStart);
        return buffer.Length <= maxLineLength;
    }

    /// <summary>Delivers the complete lines of <paramref name="span"/>; returns the bytes consumed, or the
    /// complement (~offset) of the start of the first line over the limit.</summary>
    private int ConsumeWithin<T>(ReadOnlySpan<byte> span, T consumer) where T : ILineConsumer
    {
        int consumed = 0;
        int newline;
        while ((newline = span[consumed..].IndexOf((byte)'\n')) >= 0)
        {
            if (newline > maxLineLength) return ~consumed;
            consumer.OnLine(span.Slice(consumed, newline));
            consumed += newline + 1;
        }
        return consumed;
    }
}
