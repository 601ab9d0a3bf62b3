using System.Net;
using System.Threading.Channels;
using Tsdb.Core;
using Tsdb.Ingestion;
using Tsdb.Ingestion.Tcp;
using Tsdb.Ingestion.Udp;
using Tsdb.Protocols.Naming;
using Tsdb.Storage;

namespace TsdbServer.Hosting;

/// <summary>
/// Starts the storage writer and the enabled listeners (plaintext TCP + UDP, pickle TCP), and stops
/// them in go-carbon's order: listeners first (each flushes its partial batch into the channel), then
/// the channel is completed and drained into storage. Storage itself is closed after this by
/// <see cref="StorageLifetime"/>. While <see cref="DiskSpaceGuard"/> reports the disk full, or once the store has
/// failed (<see cref="TsdbStore.Failure"/>), the writer drops and counts batches instead of writing them; it also
/// applies carbon's whitelist and blacklist, when given.
/// </summary>
public sealed class IngestionHostedService(
    IngestionOptions options, TsdbStore store, DiskSpaceGuard disk, IngestionCounters counters, TimeProvider time,
    Readiness readiness, ILoggerFactory loggers) : IHostedService
{
    private readonly Channel<PointBatch> _channel = PointChannel.Create(options.ChannelCapacity);
    private readonly MetricNameInterner _names = new(options.MaxInternedNames, store);
    private readonly List<Func<Task>> _stops = [];
    private Task _writer = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var names = new MetricNameFilter(options.WhitelistFile, options.BlacklistFile, time, loggers.CreateLogger<MetricNameFilter>());
        var writer = new StorageWriterService(_channel.Reader, store, counters, loggers.CreateLogger<StorageWriterService>(),
            () => disk.IsFull, names, () => store.Failure is not null);
        _writer = Task.Run(() => writer.RunAsync(CancellationToken.None), CancellationToken.None);
        var up = new List<string>();
        if (options.LinePort > 0)
        {
            var tcp = new PlaintextTcpListener(options.EndPointFor(options.LinePort), options, _channel.Writer, _names,
                counters, time, loggers.CreateLogger<PlaintextTcpListener>());
            await tcp.StartAsync(cancellationToken);
            _stops.Add(() => tcp.StopAsync());
            up.Add($"plaintext tcp {tcp.LocalEndPoint}");
            if (options.UdpEnabled)
            {
                var udp = new PlaintextUdpListener(options.EndPointFor(options.UdpPort), options, _channel.Writer, _names,
                    counters, time, loggers.CreateLogger<PlaintextUdpListener>());
                await udp.StartAsync(cancellationToken);
                _stops.Add(() => udp.StopAsync());
                up.Add($"plaintext udp {udp.LocalEndPoint}");
            }
        }
        if (options.PicklePort > 0)
        {
            var pickle = new PickleTcpListener(options.EndPointFor(options.PicklePort), options, _channel.Writer, _names,
                counters, time, loggers.CreateLogger<PickleTcpListener>());
            await pickle.StartAsync(cancellationToken);
            _stops.Add(() => pickle.StopAsync());
            up.Add($"pickle tcp {pickle.LocalEndPoint}");
        }
        readiness.MarkReady(up);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.MarkStopping();
        await Task.WhenAll(_stops.Select(stop => stop()));
        _channel.Writer.TryComplete();
        await _writer;
    }
}
