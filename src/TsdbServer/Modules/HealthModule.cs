using Carter;
using Tsdb.Ingestion;
using Tsdb.Storage;
using Tsdb.Cluster;
using TsdbServer.Hosting;

namespace TsdbServer.Modules;

/// <summary>GET /health: 200 with the listeners and storage figures once every listener is up, else 503: "starting"
/// before that, "failed" once storage has failed for good (its files gone or unwritable: nothing more is written
/// until a restart; <c>storageFailure</c> says what failed).</summary>
public sealed class HealthModule : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (Readiness readiness, TsdbStore store, DiskSpaceGuard disk, IngestionCounters counters, ClusterPeers cluster) =>
        {
            var stats = store.Statistics;
            string? failure = store.Failure;
            bool healthy = readiness.IsReady && failure is null;
            var body = new
            {
                status = failure is not null ? "failed" : readiness.IsReady ? "ok" : "starting",
                storageFailure = failure,
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
            return healthy ? Results.Json(body) : Results.Json(body, statusCode: 503);
        });
    }
}
