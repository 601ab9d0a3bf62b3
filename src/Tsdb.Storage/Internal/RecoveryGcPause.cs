using System.Runtime;
using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Internal;

/// <summary>
/// Holds garbage collection off while recovery rebuilds the series table (a .NET no-GC region), then
/// collects once. Recovery allocates a million long-lived objects per million series and keeps nearly all
/// of them, which is the worst case for a generational GC: with collections running, every object was copied
/// from gen0 to gen1 to gen2, each ephemeral GC rescanned the cards of the growing gen2, and background gen2
/// GCs marked the growing heap again and again (restart with 1 M series and a full WAL: ~90 GCs, 4-6 s of
/// pauses plus the background GC's thread, out of 8-10 s). Without them the same recovery allocates about as
/// much and takes one gen1 collection at the end.
/// </summary>
/// <remarks>
/// <para>Best effort and process-wide: the region is a GC mode of the whole process, so only one store's recovery
/// uses it at a time, and only when the expected allocation is large enough to matter. When recovery allocates
/// more than expected the GC simply collects and leaves the mode (the rest of recovery runs with normal
/// collections); a refused region (too large for the GC, a memory limit) also means normal collections.</para>
/// <para>Costs memory while held: garbage is not reclaimed until <see cref="Dispose"/>, so peak memory during
/// recovery is the allocated total rather than the live total (1 M series and a full WAL: VmHWM ~1.36 instead of
/// ~1.25 GiB).</para>
/// </remarks>
internal sealed class RecoveryGcPause : IDisposable
{
    /// <summary>Below this expected allocation collections cost little; no region is taken.</summary>
    public const long MinimumBytes = 64L << 20;

    /// <summary>Allocation per WAL byte replayed: a replay that creates series allocates their state, their
    /// chunks and name-tree entries (measured ~24 bytes per byte for 1 M new series with 3 points each; a series
    /// with a single point costs more per WAL byte).</summary>
    public const long BytesPerWalByte = 32;

    /// <summary>Allocation per series read from the catalog: the record as read, its decoding, the series' state,
    /// name and archives (measured ~1.5 KB for 1 M series: an underestimate ended the region early, and the
    /// collections that followed cost 4.5 s).</summary>
    public const long BytesPerCatalogSeries = 2048;

    private static int _held;

    private RecoveryGcPause(bool started) => Started = started;

    /// <summary>This recovery took the region (and collects on dispose).</summary>
    public bool Started { get; }

    /// <summary>What recovery is expected to allocate, capped at a quarter of the memory the GC may use.</summary>
    public static long ExpectedBytes(long catalogSeries, long walBytes)
    {
        long cap = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4;
        double expected = (double)catalogSeries * BytesPerCatalogSeries + (double)walBytes * BytesPerWalByte;
        return (long)Math.Min(expected, cap);
    }

    /// <summary>Starts the region when <paramref name="expectedBytes"/> is at least <see cref="MinimumBytes"/>
    /// and no other recovery holds it.</summary>
    public static RecoveryGcPause Begin(long expectedBytes, ILogger logger)
    {
        if (expectedBytes < MinimumBytes || Interlocked.CompareExchange(ref _held, 1, 0) != 0) return new(false);
        bool started;
        try { started = GC.TryStartNoGCRegion(expectedBytes); }
        catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidOperationException) { started = false; }
        if (!started) Volatile.Write(ref _held, 0);
        StorageLog.RecoveryGcPause(logger, expectedBytes >> 20, started);
        return new(started);
    }

    /// <summary>Leaves the region if the GC has not already ended it, then collects gen0 and gen1 once, blocking,
    /// so the recovered heap is promoted at a known moment (before the store answers) instead of by whichever
    /// allocation comes next. Sweeping, not compacting: the heap is mostly live, and copying it cost 2-3 times
    /// as long (1 M series: 1.1-3.1 s against 0.9-1.1 s in the same runs); the garbage's pages stay committed
    /// (~350 MB more RSS) until a later compacting collection such as the idle memory trim.</summary>
    public void Dispose()
    {
        if (!Started) return;
        try
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
        catch (InvalidOperationException)
        {
            // The GC ended the region itself (more allocated than expected): collections already ran.
        }
        finally
        {
            Volatile.Write(ref _held, 0);
        }
        GC.Collect(1, GCCollectionMode.Forced, blocking: true, compacting: false);
    }
}
