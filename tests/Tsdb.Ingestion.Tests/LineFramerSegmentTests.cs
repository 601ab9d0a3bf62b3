using System.Buffers;
using System.Text;
using Tsdb.Ingestion.Internal;

namespace Tsdb.Ingestion.Tests;

/// <summary>
/// <see cref="LineFramer"/> over buffers cut into many segments (empty ones included): every cut must deliver
/// the same lines, leave the same unterminated rest and hit the length limit at the same line as one segment.
/// </summary>
public class LineFramerSegmentTests
{
    private const int Limit = 16;

    public static TheoryData<string> Streams =>
    [
        "a 1 2\nbb 3 4\r\n\n\r\nccc 5 6\nunterminated",
        "\n\n\nx\n",
        "exactly.16.bytes\nnext 1 2\n",
        "short\n0123456789abcdefg\nnever.delivered\n",
        "short\npartial.line.over.the.limit",
        "1234567890abcdef",
        "",
    ];

    [Theory]
    [MemberData(nameof(Streams))]
    public void Every_cut_into_three_segments_frames_like_one_segment(string text)
    {
        byte[] data = Encoding.ASCII.GetBytes(text);
        var expected = Frame(new ReadOnlySequence<byte>(data));
        for (int first = 0; first <= data.Length; first++)
        {
            for (int second = first; second <= data.Length; second++)
            {
                Assert.Equal(expected, Frame(Segments(data, first, second)));
            }
        }
    }

    [Fact]
    public void A_line_spanning_many_segments_is_assembled()
    {
        byte[] data = "0123456789abcde\nz\n"u8.ToArray();
        int[] cuts = Enumerable.Range(1, data.Length - 1).ToArray();

        var (lines, rest, withinLimit) = Frame(Segments(data, cuts));

        Assert.True(withinLimit);
        Assert.Equal("[0123456789abcde][z]", lines);
        Assert.Equal("", rest);
    }

    [Fact]
    public void The_buffer_can_start_inside_its_first_segment()
    {
        byte[] data = "skip\na 1 2\nb 3"u8.ToArray();
        ReadOnlySequence<byte> buffer = Segments(data, 7, 12).Slice(5);

        var (lines, rest, withinLimit) = Frame(buffer);

        Assert.True(withinLimit);
        Assert.Equal("[a 1 2]", lines);
        Assert.Equal("b 3", rest);
    }

    private static (string Lines, string Unconsumed, bool WithinLimit) Frame(ReadOnlySequence<byte> buffer)
    {
        var lines = new LineCollector();
        bool withinLimit = new LineFramer(Limit).TryConsumeLines(ref buffer, lines);
        // Each line bracketed, so empty lines count.
        return (string.Concat(lines.Lines.Select(line => $"[{line}]")), Encoding.ASCII.GetString(buffer.ToArray()), withinLimit);
    }

    private static ReadOnlySequence<byte> Segments(byte[] data, params int[] cuts)
    {
        TestSegment? first = null, last = null;
        int start = 0;
        foreach (int end in cuts.Append(data.Length))
        {
            var segment = new TestSegment(data.AsMemory(start, end - start), start);
            if (last is null) first = segment;
            else last.SetNext(segment);
            last = segment;
            start = end;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class LineCollector : ILineConsumer
    {
        public List<string> Lines { get; } = [];

        public void OnLine(ReadOnlySpan<byte> line) => Lines.Add(Encoding.ASCII.GetString(line));
    }
}
