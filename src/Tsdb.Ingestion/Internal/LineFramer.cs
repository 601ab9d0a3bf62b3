using System.Buffers;

namespace Tsdb.Ingestion.Internal;

/// <summary>Receives each complete line, without its '\n'. The span is only valid during the call.</summary>
internal interface ILineConsumer
{
    void OnLine(ReadOnlySpan<byte> line);
}

/// <summary>
/// '\n' framing over a <see cref="ReadOnlySequence{T}"/>, with Twisted LineOnlyReceiver's limit: a line, or
/// the unterminated rest of the buffer, longer than the maximum ends the connection. Single-segment fast
/// path; a line split across segments is copied into a per-connection scratch buffer.
/// </summary>
internal sealed class LineFramer(int maxLineLength)
{
    private byte[]? _scratch;

    /// <summary>Consumes every complete line and slices <paramref name="buffer"/> to the unconsumed rest.
    /// False when the length limit was exceeded; lines before the offending one were delivered.</summary>
    public bool TryConsumeLines<T>(ref ReadOnlySequence<byte> buffer, T consumer) where T : ILineConsumer
    {
        if (buffer.IsSingleSegment)
        {
            ReadOnlySpan<byte> span = buffer.FirstSpan;
            int consumed = 0;
            int newline;
            while ((newline = span[consumed..].IndexOf((byte)'\n')) >= 0)
            {
                if (newline > maxLineLength)
                {
                    buffer = buffer.Slice(consumed);
                    return false;
                }
                consumer.OnLine(span.Slice(consumed, newline));
                consumed += newline + 1;
            }
            buffer = buffer.Slice(consumed);
            return buffer.Length <= maxLineLength;
        }

        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
        {
            if (line.Length > maxLineLength)
            {
                buffer = buffer.Slice(line.Start);
                return false;
            }
            if (line.IsSingleSegment)
            {
                consumer.OnLine(line.FirstSpan);
            }
            else
            {
                _scratch ??= new byte[maxLineLength];
                line.CopyTo(_scratch);
                consumer.OnLine(_scratch.AsSpan(0, (int)line.Length));
            }
        }
        buffer = buffer.Slice(reader.Position);
        return buffer.Length <= maxLineLength;
    }
}
