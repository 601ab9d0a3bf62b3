using System.Runtime.InteropServices;
using TsdbServer.Hosting;

namespace TsdbServer.Tests.Hosting;

/// <summary>The C heap trim that follows a memory trim: chunks' values are freed into the C allocator, which keeps
/// free pages between live blocks until it is trimmed.</summary>
public sealed class NativeHeapTrimTests
{
    /// <summary>64 MiB of chunk-sized blocks freed except the last (so the free pages are not at the heap's top,
    /// which the allocator hands back by itself): the trim gives pages back. On this Debian host the call exists.</summary>
    [Fact]
    public unsafe void Free_pages_between_live_blocks_go_back_to_the_system()
    {
        const int Blocks = 16_384, Bytes = 4096;
        var blocks = new nint[Blocks];
        for (int i = 0; i < Blocks; i++)
        {
            blocks[i] = (nint)NativeMemory.Alloc(Bytes);
            new Span<byte>((void*)blocks[i], Bytes).Fill(1);
        }
        for (int i = 0; i < Blocks - 1; i++) NativeMemory.Free((void*)blocks[i]);
        try
        {
            Assert.True(NativeHeapTrim.Run());
        }
        finally
        {
            NativeMemory.Free((void*)blocks[^1]);
        }
    }
}
