using System.Diagnostics;
using Tsdb.Core;
using Tsdb.Ingestion;
using Tsdb.Storage;

namespace TsdbServer.Hosting;

/// <summary>
/// Turns two successive counter snapshots into one batch of self-metric points. Names follow carbon's where
/// carbon has one (metricsReceived, committedPoints, creates, errors, memUsage, cpuUsage, cache.size); counts
/// are per interval, gauges are current values. Not thread-safe: one collector per timer.
/// </summary>
public sealed class SelfMetricsCollector(string prefix)
{
    private IngestionCountersSnapshot _lastIngestion;
    private StorageStatistics? _lastStorage;
    private TimeSpan _lastCpu = Process.GetCurrentProcess().TotalProcessorTime;
    private long _lastWall = Stopwatch.GetTimestamp();
    private long _ownPoints;

    /// <summary>"carbon.agents.&lt;short host name&gt;." (carbon's HOSTNAME is the name up to the first dot).</summary>
    public static string PrefixFor(string machineName)
    {
        string host = machineName.Split('.')[0];
        return "carbon.agents." + (host.Length == 0 ? "localhost" : host) + ".";
    }

    /// <summary>Sets the storage figures the first interval's deltas start from (ingestion counters start at
    /// zero with the process, so points received before the first interval are counted in it).</summary>
    public void Baseline(StorageStatistics storage) => _lastStorage = storage;

    /// <summary>Points received and let through the whitelist and blacklist.</summary>
    private static long Filtered(IngestionCountersSnapshot c) => c.PointsReceived - c.BlacklistMatches - c.WhitelistRejects;

    /// <summary>The points for the interval since the previous call, stamped <paramref name="timestamp"/>.
    /// The caller stores every batch returned (they are counted as already written in later cache.size values).</summary>
    public PointBatch Collect(IngestionCountersSnapshot ingestion, StorageStatistics storage, long timestamp)
    {
        var batch = new PointBatch(24) { ArrivalTime = timestamp };
        void Add(string name, double value) => batch.Add(prefix + name, timestamp, value);
        var last = _lastStorage;
        if (last is not null)
        {
            // As carbon: the points its whitelist and blacklist refuse never count as received.
            Add("metricsReceived", Filtered(ingestion) - Filtered(_lastIngestion));
            Add("blacklistMatches", ingestion.BlacklistMatches - _lastIngestion.BlacklistMatches);
            Add("whitelistRejects", ingestion.WhitelistRejects - _lastIngestion.WhitelistRejects);
            Add("invalidLines", ingestion.LinesInvalid - _lastIngestion.LinesInvalid);
            Add("invalidNames", ingestion.NamesInvalid - _lastIngestion.NamesInvalid);
            Add("droppedNaN", ingestion.PointsDroppedNaN - _lastIngestion.PointsDroppedNaN);
            Add("pickle.framesRejected", ingestion.PickleFramesRejected - _lastIngestion.PickleFramesRejected);
            Add("errors", ingestion.StoreWriteErrors - _lastIngestion.StoreWriteErrors);
            Add("committedPoints", storage.PointsWritten - last.PointsWritten);
            Add("droppedTooOld", storage.PointsDroppedTooOld - last.PointsDroppedTooOld);
            Add("droppedInvalid", storage.PointsDroppedInvalid - last.PointsDroppedInvalid);
            Add("creates", storage.SeriesCount - last.SeriesCount);
            Add("chunksSealed", storage.ChunksSealed - last.ChunksSealed);
            Add("chunksRewritten", storage.ChunksRewritten - last.ChunksRewritten);
            Add("checkpoints", storage.Checkpoints - last.Checkpoints);
        }
        // Points accepted by the listeners and not yet stored (batches in the channel, partial batches);
        // the store's written count includes this collector's own earlier points.
        long stored = storage.PointsWritten - _ownPoints + storage.PointsDroppedTooOld + storage.PointsDroppedInvalid;
        Add("cache.size", Math.Max(0, Filtered(ingestion) - stored));
        Add("series", storage.SeriesCount);
        Add("connections", ingestion.ConnectionsOpen);
        Add("wal.bytes", storage.WalBytes);
        Add("wal.uncommittedBytes", storage.WalUncommittedBytes);
        Add("chunkLogBytes", storage.ChunkLogBytes);
        using var process = Process.GetCurrentProcess();
        Add("memUsage", process.WorkingSet64);
        var cpu = process.TotalProcessorTime;
        long wall = Stopwatch.GetTimestamp();
        double elapsed = Stopwatch.GetElapsedTime(_lastWall, wall).TotalSeconds;
        if (last is not null && elapsed > 0) Add("cpuUsage", (cpu - _lastCpu).TotalSeconds / elapsed);
        _lastCpu = cpu;
        _lastWall = wall;
        _lastIngestion = ingestion;
        _lastStorage = storage;
        _ownPoints += batch.Count;
        return batch;
    }
}
