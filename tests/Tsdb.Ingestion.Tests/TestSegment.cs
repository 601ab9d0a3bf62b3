using System.Buffers;

namespace Tsdb.Ingestion.Tests;

/// <summary>One piece of a multi-segment <see cref="ReadOnlySequence{T}"/> built by a test, the way a pipe
/// hands a framer bytes spread over several buffers.</summary>
internal sealed class TestSegment : ReadOnlySequenceSegment<byte>
{
    public TestSegment(ReadOnlyMemory<byte> memory, long runningIndex)
    {
        Memory = memory;
        RunningIndex = runningIndex;
    }

    public void SetNext(TestSegment next) => Next = next;
}
