using Carter;
using Tsdb.Ingestion;
using Tsdb.Storage;
using Tsdb.Cluster;
using TsdbServer.Hosting;

namespace TsdbServer.Modules;

/// <summary>GET /health: 200 with the listeners and storage figures once every listener is up, else 503.</summary>
public sealed class HealthModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (Readiness readiness, TsdbStore store, DiskSpaceGuard disk, IngestionCounters counters, ClusterPeers cluster) =>
        {
            var stats = store.Statistics;
            var body = new
            {
                status = readiness.IsReady ? "ok" : "starting",
                listeners = readiness.Listeners,
                series = stats.SeriesCount,
                pointsWritten = stats.PointsWritten,
                walUncommittedBytes = stats.WalUncommittedBytes,
                // Absolute WAL addresses: points counted in pointsWritten by a snapshot whose walTailAddress is
                // at or below a later walCommittedAddress survive kill -9 (the crash tests rely on this).
                walTailAddress = stats.WalTailAddress,
                walCommittedAddress = stats.WalCommittedAddress,
                ingestion = counters.Snapshot(),
                lastCheckpoint = stats.LastCheckpoint,
                // Below minFreeBytes the disk counts as full: writes stop, ingestion.pointsDroppedDiskFull counts the loss.
                disk = new
                {
                    directory = disk.Directory,
                    full = disk.IsFull,
                    freeBytes = disk.FreeBytes,
                    minFreeBytes = disk.MinFreeBytes,
                    fullSince = disk.FullSince,
                    fullEpisodes = disk.Episodes,
                },
                // Cluster members (--peers): "up", or "backoff" until retryAt after a failed request.
                peers = cluster.Status(),
            };
            return readiness.IsReady ? Results.Json(body) : Results.Json(body, statusCode: 503);
        });
    }
}
