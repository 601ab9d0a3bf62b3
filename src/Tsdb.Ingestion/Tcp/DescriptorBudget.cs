using System.Runtime.InteropServices;

namespace Tsdb.Ingestion.Tcp;

/// <summary>
/// How many TCP connections the process can hold and still open the files it needs. Connections and storage share the
/// process's open-file limit: at the limit, accepts fail, and so do FASTER's commits (the WAL's commit failed while 500
/// senders held every descriptor of a process limited to 400). The budget is the soft limit, less the descriptors
/// already open when it is first asked (the store is open by then), less headroom for the files storage opens later,
/// the HTTP API and cluster peers: an eighth of the limit, at least 64. Linux only (elsewhere no budget).
/// </summary>
internal static partial class DescriptorBudget
{
    private const int RlimitNofile = 7;

    /// <summary>The connections all listeners of the process may hold together.</summary>
    public static int Connections { get; } = Compute();

    private static int Compute()
    {
        if (!OperatingSystem.IsLinux()) return int.MaxValue;
        try
        {
            if (getrlimit(RlimitNofile, out var limit) != 0 || limit.Current >= int.MaxValue) return int.MaxValue;
            long soft = (long)limit.Current;
            long open = Directory.EnumerateFileSystemEntries("/proc/self/fd").LongCount();
            long headroom = Math.Max(64, soft / 8);
            return (int)Math.Max(1, soft - open - headroom);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or EntryPointNotFoundException)
        {
            return int.MaxValue;
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int getrlimit(int resource, out RLimit limit);
}
