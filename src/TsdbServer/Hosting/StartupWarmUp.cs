using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Protocols;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;
using Tsdb.Query.Api;
using Tsdb.Storage;

namespace TsdbServer.Hosting;

/// <summary>
/// Runs the server's hot paths once while it starts, on a throwaway store in a temporary folder: plaintext lines
/// through the parser and interner into the store's writer (new series, rollups), then finds and the Grafana panel
/// shapes through /render's evaluation and JSON. Their code is then compiled before the first points and queries
/// arrive. Without it, a fleet that connected to a just-started server paid that compilation in its first
/// seconds: perf counted 0.4 s of CPU compiling on the connection threads in the first 3 s of 5,000 new collectl
/// nodes, beside the writer's busiest second, and the first /render took 250 ms instead of 2.
/// <para>It runs beside the opening of the real store (which replays the WAL on one core) and is awaited before
/// anything listens. Nothing of it reaches the real data folder; a failure is logged and otherwise ignored (the
/// server then just starts cold).</para>
/// </summary>
public static class StartupWarmUp
{
    /// <summary>Series and rounds of the warm-up load: enough calls for the runtime to recompile the hot framework
    /// methods too (a method is recompiled, optimized, after 30 calls), few enough to take well under a second.</summary>
    private const int Nodes = 20, MetricsPerNode = 50, Rounds = 40;

    /// <summary>What the warm-up did (for the log and for tests).</summary>
    public sealed record Summary(long PointsWritten, int Series, int RendersAnswered, int Renders);

    private const string FolderPrefix = "tsdbserver-warmup-";

    /// <summary>Starts the warm-up on a thread-pool thread; the task never faults.</summary>
    public static Task<Summary?> Start(string? schemasFile, string? aggregationFile, ILogger logger) =>
        Task.Run(() =>
        {
            RemoveLeftovers(Path.GetTempPath(), DateTime.UtcNow);
            return Run(schemasFile, aggregationFile, logger);
        });

    /// <summary>The warm-up itself, in <paramref name="folder"/> (default: a new one under the system's temporary
    /// folder), which it removes: null when it failed (logged).</summary>
    public static async Task<Summary?> Run(string? schemasFile, string? aggregationFile, ILogger logger, string? folder = null)
    {
        folder ??= Path.Combine(Path.GetTempPath(), FolderPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            var store = TsdbStore.Open(new StorageOptions
            {
                DataDirectory = folder,
                SchemasFile = schemasFile,
                AggregationFile = aggregationFile,
                // Small buffers: this store holds a few thousand points for under a second.
                WalPageSizeBits = 16,
                WalMemorySizeBits = 18,
                WalSegmentSizeBits = 22,
                ChunkPageSizeBits = 12,
                ChunkMemorySizeBits = 16,
                ChunkSegmentSizeBits = 22,
                ChunkIndexSizeBytes = 1 << 16,
                WalCommitInterval = TimeSpan.FromHours(1),
                CheckpointInterval = TimeSpan.FromHours(1),
            }, TimeProvider.System, NullLoggerFactory.Instance);
            try
            {
                long points = Write(store);
                var (answered, renders) = await QueryAsync(store);
                return new Summary(points, store.Statistics.SeriesCount, answered, renders);
            }
            finally
            {
                await store.DisposeAsync();
            }
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Startup warm-up failed; the server starts without it");
            return null;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>Removes warm-up folders in <paramref name="parent"/> last written over ten minutes before
    /// <paramref name="now"/>: a server stopped while it warmed up (a signal during its first second) leaves its
    /// folder (about 0.5 MB) behind. A warm-up takes about a second, so a younger folder may be another server's
    /// warm-up in progress and is left alone. Best effort: a folder that cannot be removed stays.</summary>
    public static int RemoveLeftovers(string parent, DateTime now)
    {
        int removed = 0;
        try
        {
            foreach (var folder in new DirectoryInfo(parent).EnumerateDirectories(FolderPrefix + "*"))
            {
                if (now - folder.LastWriteTimeUtc < TimeSpan.FromMinutes(10)) continue;
                try
                {
                    folder.Delete(recursive: true);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return removed;
    }

    /// <summary>Rounds of one point per series, one batch per node, as collectl nodes send them; returns the points
    /// the store wrote.</summary>
    private static long Write(TsdbStore store)
    {
        var parser = new PlaintextLineParser(new MetricNameInterner(known: store));
        long now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var batch = new PointBatch(MetricsPerNode);
        for (int round = 0; round < Rounds; round++)
        {
            long timestamp = now - Rounds + 1 + round;
            for (int node = 0; node < Nodes; node++)
            {
                batch.Clear();
                batch.ArrivalTime = now;
                for (int metric = 0; metric < MetricsPerNode; metric++)
                {
                    byte[] line = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
                        $"warmup.node{node:D2}.group{metric % 5}.metric{metric} {round * 1.5 + metric} {timestamp}"));
                    if (parser.TryParse(line, now, out ParsedPoint point) == PointParseStatus.Accepted)
                        batch.Add(point.Name, point.Timestamp, point.Value, point.Series);
                }
                store.Write(batch);
            }
        }
        return store.Statistics.PointsWritten;
    }

    /// <summary>Finds at each level and the panels of bench/e2e.sh as Grafana posts them; returns how many renders
    /// answered 200, of how many.</summary>
    private static async Task<(int Answered, int Renders)> QueryAsync(TsdbStore store)
    {
        var metrics = new MetricsService(store);
        foreach (string query in new[] { "*", "warmup.*", "warmup.node01.*", "warmup.node01.group1.*" })
            (await metrics.FindAsync(new RequestParameters([new("query", query)]))).Utf8Body?.Dispose();
        string[] targets =
        [
            "warmup.node01.group1.metric1",
            "aliasByNode(warmup.node01.group1.*, 1, 3)",
            "sumSeries(warmup.*.group2.metric2)",
            "groupByNode(warmup.*.group3.*, 1, 'sum')",
            "highestMax(warmup.*.group4.metric4, 5)",
            "movingAverage(warmup.node02.group0.*, 10)",
        ];
        var render = new RenderService(store);
        int answered = 0;
        foreach (string target in targets)
        {
            var response = await render.RenderAsync(new RequestParameters(
                [new("target", target), new("from", "-5min"), new("until", "now"), new("format", "json"), new("maxDataPoints", "1000")]));
            if (response.StatusCode == 200) answered++;
            response.Utf8Body?.Dispose();
        }
        return (answered, targets.Length);
    }
}
