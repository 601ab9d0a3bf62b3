using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;
using Tsdb.Protocols;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;
using Tsdb.Protocols.Tests;

namespace Tsdb.Ingestion.Tests;

/// <summary>Every plaintext case, followed by a good line, replayed split at every byte offset.</summary>
public class FramerReplayTests
{
    private static readonly byte[] Tail = "tail.ok 7 20\n"u8.ToArray();

    [Theory]
    [MemberData(nameof(PlaintextCases.Indexes), MemberType = typeof(PlaintextCases))]
    public async Task Case_split_at_every_offset_through_a_pipe(int index)
    {
        PlaintextCase c = PlaintextCases.All[index];
        byte[] stream = [.. c.Line, (byte)'\n', .. Tail];
        var expected = new List<(string, long, double)>();
        if (c.Status == PointParseStatus.Accepted) expected.Add((c.Name!, c.Timestamp, c.Value));
        expected.Add(("tail.ok", 20, 7));

        for (int split = 0; split <= stream.Length; split++)
        {
            using var counters = new IngestionCounters();
            var points = await ReplayAsync(stream, split, counters);

            Assert.Equal(expected, points);
            IngestionCountersSnapshot snapshot = counters.Snapshot();
            Assert.Equal(expected.Count, snapshot.PointsReceived);
            Assert.Equal(c.Status == PointParseStatus.Malformed ? 1 : 0, snapshot.LinesInvalid);
            Assert.Equal(c.Status == PointParseStatus.InvalidName ? 1 : 0, snapshot.NamesInvalid);
            Assert.Equal(c.Status == PointParseStatus.DroppedNaN ? 1 : 0, snapshot.PointsDroppedNaN);
        }
    }

    [Theory]
    [MemberData(nameof(PlaintextCases.Indexes), MemberType = typeof(PlaintextCases))]
    public void Case_split_across_two_segments(int index)
    {
        byte[] stream = [.. PlaintextCases.All[index].Line, (byte)'\n', .. Tail];
        for (int split = 1; split < stream.Length; split++)
        {
            ReadOnlySequence<byte> buffer = TwoSegments(stream, split);
            var lines = new LineCollector();

            Assert.True(new LineFramer(16384).TryConsumeLines(ref buffer, lines));

            Assert.Equal([PlaintextCases.All[index].Line, Tail[..^1]], lines.Lines);
            Assert.Equal(0, buffer.Length);
        }
    }

    [Fact]
    public void Keeps_an_unterminated_rest_for_the_next_read()
    {
        var buffer = new ReadOnlySequence<byte>("a 1 2\nb 3"u8.ToArray());
        var lines = new LineCollector();

        Assert.True(new LineFramer(16384).TryConsumeLines(ref buffer, lines));

        Assert.Equal(["a 1 2"], lines.Lines.Select(Encoding.ASCII.GetString));
        Assert.Equal("b 3", Encoding.ASCII.GetString(buffer.ToArray()));
    }

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void Line_longer_than_the_limit_fails(int length, bool accepted)
    {
        byte[] line = [.. Enumerable.Repeat((byte)'x', length), (byte)'\n'];
        foreach (ReadOnlySequence<byte> whole in new[] { new ReadOnlySequence<byte>(line), TwoSegments(line, 10) })
        {
            ReadOnlySequence<byte> buffer = whole;
            Assert.Equal(accepted, new LineFramer(64).TryConsumeLines(ref buffer, new LineCollector()));
            ReadOnlySequence<byte> unterminated = whole.Slice(0, length);
            Assert.Equal(accepted, new LineFramer(64).TryConsumeLines(ref unterminated, new LineCollector()));
        }
    }

    private static async Task<List<(string, long, double)>> ReplayAsync(byte[] stream, int split, IngestionCounters counters)
    {
        // Inline schedulers: each FlushAsync runs the reader's loop to its next await, so the two
        // parts really arrive as two reads.
        var pipe = new Pipe(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.Inline,
            useSynchronizationContext: false));
        var channel = Channel.CreateUnbounded<PointBatch>();
        var time = new FixedTimeProvider(PlaintextCases.ArrivalTime);
        var reader = new PlaintextStreamReader(new PlaintextLineParser(new MetricNameInterner()), new BatchWriter(channel.Writer, 1000),
            counters, new InvalidInputLog(NullLogger.Instance, time, TimeSpan.FromSeconds(1)), time, 16384, "test");

        Task<StreamEnd> run = reader.RunAsync(pipe.Reader, () => false);
        await pipe.Writer.WriteAsync(stream.AsMemory(0, split));
        await pipe.Writer.WriteAsync(stream.AsMemory(split));
        await pipe.Writer.CompleteAsync();
        Assert.Equal(StreamEnd.PeerClosed, await run);

        var points = new List<(string, long, double)>();
        while (channel.Reader.TryRead(out PointBatch? batch))
        {
            for (int i = 0; i < batch.Count; i++) points.Add((batch.Names[i], batch.Timestamps[i], batch.Values[i]));
        }
        return points;
    }

    private static ReadOnlySequence<byte> TwoSegments(byte[] data, int split)
    {
        var first = new TestSegment(data.AsMemory(0, split), 0);
        var second = new TestSegment(data.AsMemory(split), split);
        first.SetNext(second);
        return new ReadOnlySequence<byte>(first, 0, second, second.Memory.Length);
    }

    private sealed class LineCollector : ILineConsumer
    {
        public List<byte[]> Lines { get; } = [];

        public void OnLine(ReadOnlySpan<byte> line) => Lines.Add(line.ToArray());
    }
}
