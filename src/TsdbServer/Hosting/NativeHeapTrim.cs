using System.Runtime.InteropServices;

namespace TsdbServer.Hosting;

/// <summary>
/// Gives the C heap's free pages back to the system. Chunks hold their values in native memory (see
/// <c>Tsdb.Storage.Chunks.SeriesChunk</c>); evicting them frees it into the C allocator, which keeps it for reuse
/// and returns to the system only what lies at the top of its heaps. glibc's <c>malloc_trim</c> also releases the
/// free pages in between. Where there is no glibc (another C library, another system) this does nothing.
/// </summary>
public static partial class NativeHeapTrim
{
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);

    /// <summary>Whether any memory went back to the system (false also where the call does not exist).</summary>
    public static bool Run()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return MallocTrim(0) != 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }
}
