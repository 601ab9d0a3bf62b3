using Tsdb.Storage;
using TsdbServer.Options;

namespace TsdbServer.Hosting;

/// <summary>
/// Owns the <see cref="TsdbStore"/>'s shutdown. Registered as the FIRST hosted service so that it stops
/// LAST (the host stops hosted services in reverse order): by then the listeners are closed and the
/// channel drained, and disposing the store commits the WAL and takes a checkpoint.
/// <para>The close runs on the thread pool and is waited for at most <see cref="ServerOptions.StorageCloseTimeoutSeconds"/>:
/// a close stuck in FASTER (a page flush to a failing disk never completes) would otherwise keep the process
/// from ever exiting, with nothing logged. The process exits with code 1 when storage failed or did not close.</para>
/// </summary>
public sealed class StorageLifetime(TsdbStore store, ServerOptions options, ILogger<StorageLifetime> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var closing = Task.Run(async () => await store.DisposeAsync());
        var timeout = TimeSpan.FromSeconds(options.StorageCloseTimeoutSeconds);
        if (await Task.WhenAny(closing, Task.Delay(timeout)) != closing)
        {
            Environment.ExitCode = 1;
            logger.LogCritical("Storage did not close within {Seconds} s (StorageCloseTimeoutSeconds); exiting without its final " +
                "checkpoint ({Failure}). The WAL replays what was committed at the next start",
                options.StorageCloseTimeoutSeconds, store.Failure ?? "no storage failure was reported");
            return;
        }
        await closing;
        if (store.Failure is { } failure)
        {
            Environment.ExitCode = 1;
            logger.LogError("Storage closed without its final checkpoint: it had failed ({Failure})", failure);
        }
        else
        {
            logger.LogInformation("Storage closed cleanly");
        }
    }
}
