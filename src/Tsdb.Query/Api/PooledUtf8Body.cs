using System.Buffers;
using System.Text;

namespace Tsdb.Query.Api;

/// <summary>
/// A response body kept as UTF-8 in 64 KiB arrays rented from the shared pool, so a large answer (a day of
/// 1 s points over many series runs to tens of megabytes) is never one string, one char array or one
/// large-object-heap byte array. Text is appended in pieces; the owner writes it out once and then
/// disposes it, which returns the arrays.
/// </summary>
public sealed class PooledUtf8Body : IDisposable
{
    private const int SegmentSize = 64 * 1024;
    private readonly List<byte[]> _segments = [];
    private readonly List<int> _used = [];
    private bool _disposed;

    /// <summary>Total bytes written.</summary>
    public long Length { get; private set; }

    /// <summary>Appends the builder's text as UTF-8 (the builder is left as it is).</summary>
    public void Append(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks()) Append(chunk.Span);
    }

    /// <summary>
    /// Appends the text as UTF-8. The text must not end inside a surrogate pair: callers append whole
    /// JSON tokens.
    /// </summary>
    public void Append(ReadOnlySpan<char> text)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!text.IsEmpty)
        {
            if (_segments.Count == 0 || _used[^1] > SegmentSize - 8)
            {
                _segments.Add(ArrayPool<byte>.Shared.Rent(SegmentSize));
                _used.Add(0);
            }
            var destination = _segments[^1].AsSpan(_used[^1], SegmentSize - _used[^1]);
            // A UTF-16 char takes at most 3 UTF-8 bytes, so this many always fit (at least 2, so a
            // surrogate pair is never cut in two).
            int take = Math.Min(text.Length, destination.Length / 3);
            if (take < text.Length && char.IsHighSurrogate(text[take - 1])) take--;
            int written = Encoding.UTF8.GetBytes(text[..take], destination);
            _used[^1] += written;
            Length += written;
            text = text[take..];
        }
    }

    /// <summary>Writes the body to the stream in order.</summary>
    public async Task WriteToAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        for (int i = 0; i < _segments.Count; i++)
            if (_used[i] > 0) await stream.WriteAsync(_segments[i].AsMemory(0, _used[i]), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The body decoded back to text, for callers that want the string (tests, JSONP).</summary>
    public override string ToString()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var text = new StringBuilder((int)Math.Min(Length, int.MaxValue / 2));
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[SegmentSize];
        for (int i = 0; i < _segments.Count; i++)
        {
            int n = decoder.GetChars(_segments[i], 0, _used[i], chars, 0, flush: i == _segments.Count - 1);
            text.Append(chars, 0, n);
        }
        return text.ToString();
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var segment in _segments) ArrayPool<byte>.Shared.Return(segment);
        _segments.Clear();
        _used.Clear();
    }
}
