using System.Net;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Ingestion.Tcp;
using Tsdb.Ingestion.Udp;
using Tsdb.Protocols.Naming;

namespace Tsdb.Ingestion.Tests;

/// <summary>Real listeners on 127.0.0.1:0 feeding the channel and the storage writer, as the host wires them.</summary>
internal sealed class IngestionHarness : IAsyncDisposable
{
    private static readonly IPEndPoint AnyLoopbackPort = new(IPAddress.Loopback, 0);
    private readonly Channel<PointBatch> _channel;
    private readonly Task _writer;
    private bool _stopped;

    public IngestionHarness(IngestionOptions? options = null)
    {
        Options = options ?? new IngestionOptions();
        _channel = PointChannel.Create(Options.ChannelCapacity);
        var names = new MetricNameInterner();
        Plaintext = new PlaintextTcpListener(AnyLoopbackPort, Options, _channel.Writer, names, Counters, TimeProvider.System,
            NullLogger<PlaintextTcpListener>.Instance);
        Pickle = new PickleTcpListener(AnyLoopbackPort, Options, _channel.Writer, names, Counters, TimeProvider.System,
            NullLogger<PickleTcpListener>.Instance);
        Udp = new PlaintextUdpListener(AnyLoopbackPort, Options, _channel.Writer, names, Counters, TimeProvider.System,
            NullLogger<PlaintextUdpListener>.Instance);
        _writer = new StorageWriterService(_channel.Reader, Store, Counters, NullLogger<StorageWriterService>.Instance).RunAsync();
    }

    public IngestionOptions Options { get; }
    public IngestionCounters Counters { get; } = new();
    public CapturingPointStore Store { get; } = new();
    public PlaintextTcpListener Plaintext { get; }
    public PickleTcpListener Pickle { get; }
    public PlaintextUdpListener Udp { get; }

    public static async Task<IngestionHarness> StartAsync(IngestionOptions? options = null)
    {
        var harness = new IngestionHarness(options);
        await harness.Plaintext.StartAsync();
        await harness.Pickle.StartAsync();
        await harness.Udp.StartAsync();
        return harness;
    }

    /// <summary>The host's shutdown order: listeners, then the channel, then the drained writer.</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await Plaintext.StopAsync();
        await Pickle.StopAsync();
        await Udp.StopAsync();
        _channel.Writer.Complete();
        await _writer.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Counters.Dispose();
    }
}
