using Tsdb.Storage;

namespace TsdbServer.Hosting;

/// <summary>
/// Owns the <see cref="TsdbStore"/>'s shutdown. Registered as the FIRST hosted service so that it stops
/// LAST (the host stops hosted services in reverse order): by then the listeners are closed and the
/// channel drained, and disposing the store commits the WAL and takes a checkpoint.
/// </summary>
public sealed class StorageLifetime(TsdbStore store, ILogger<StorageLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await store.DisposeAsync();
        logger.LogInformation("Storage closed cleanly");
    }
}
