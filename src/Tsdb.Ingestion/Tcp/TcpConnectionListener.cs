using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;

namespace Tsdb.Ingestion.Tcp;

/// <summary>
/// Accept loop and connection bookkeeping shared by the plaintext and pickle TCP listeners.
/// Lifecycle: <see cref="StartAsync"/> binds (port 0 picks a free port, see <see cref="LocalEndPoint"/>);
/// <see cref="StopAsync"/> stops accepting, cancels every pending read, lets each connection flush its
/// partial batch into the channel, then closes it. The channel itself is completed by the host afterwards.
/// </summary>
public abstract class TcpConnectionListener : IAsyncDisposable
{
    private readonly IPEndPoint _endPoint;
    private readonly ConcurrentDictionary<long, TcpConnection> _connections = new();
    private Socket? _listenSocket;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;
    private volatile bool _stopping;

    private protected TcpConnectionListener(
        IPEndPoint endPoint, IngestionOptions options, ChannelWriter<PointBatch> output,
        IngestionCounters counters, TimeProvider time, ILogger logger)
    {
        _endPoint = endPoint;
        Options = options;
        Output = output;
        Counters = counters;
        Time = time;
        Logger = logger;
        InvalidLog = new InvalidInputLog(logger, time, options.InvalidInputLogInterval);
    }

    private protected IngestionOptions Options { get; }
    private protected ChannelWriter<PointBatch> Output { get; }
    private protected IngestionCounters Counters { get; }
    private protected TimeProvider Time { get; }
    private protected ILogger Logger { get; }
    private protected InvalidInputLog InvalidLog { get; }

    /// <summary>The bound address, with the actual port; valid after <see cref="StartAsync"/>.</summary>
    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_listenSocket?.LocalEndPoint ?? throw new InvalidOperationException("The listener has not been started.");

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_listenSocket is not null) throw new InvalidOperationException("The listener has already been started.");
        var socket = new Socket(_endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(_endPoint);
            socket.Listen(512);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _listenSocket = socket;
        _acceptLoop = Task.Run(AcceptLoopAsync, CancellationToken.None);
        Log.Listening(Logger, GetType().Name, socket.LocalEndPoint!);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_stopping || _listenSocket is null) return;
        _stopping = true;
        _listenSocket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (TcpConnection connection in _connections.Values) connection.Input.CancelPendingRead();
        await Task.WhenAll(_connections.Values.Select(c => c.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        Log.Stopped(Logger, GetType().Name);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        GC.SuppressFinalize(this);
    }

    /// <summary>Runs one connection's protocol over <paramref name="input"/> until it ends.</summary>
    private protected abstract Task<StreamEnd> ReadConnectionAsync(PipeReader input, string peer, Func<bool> moreDataPending);

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listenSocket!.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                if (_stopping) return;
                Log.AcceptFailed(Logger, GetType().Name, e);
                continue;
            }

            string peer = client.RemoteEndPoint?.ToString() ?? "unknown";
            if (!Options.IsAllowed(client.RemoteEndPoint))
            {
                Counters.ConnectionRefusedByAddress();
                Log.RefusingByAddress(Logger, peer);
                client.Dispose();
                continue;
            }
            if (_connections.Count >= Options.MaxConnections)
            {
                Counters.ConnectionRejected();
                Log.RefusingConnection(Logger, peer, _connections.Count);
                client.Dispose();
                continue;
            }
            client.NoDelay = true;
            var connection = new TcpConnection(client, peer);
            long id = Interlocked.Increment(ref _nextConnectionId);
            _connections[id] = connection;
            connection.Completion = Task.Run(() => RunConnectionAsync(id, connection), CancellationToken.None);
        }
    }

    private async Task RunConnectionAsync(long id, TcpConnection connection)
    {
        Counters.ConnectionOpened();
        try
        {
            StreamEnd end = await ReadConnectionAsync(connection.Input, connection.Peer, () => connection.Socket.Available > 0)
                .ConfigureAwait(false);
            if (end == StreamEnd.Oversize) Log.ClosingConnection(Logger, connection.Peer, "line or frame longer than the limit");
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or ChannelClosedException)
        {
            Log.ConnectionFailed(Logger, connection.Peer, e);
        }
        finally
        {
            await connection.Input.CompleteAsync().ConfigureAwait(false);
            _connections.TryRemove(id, out _);
            Counters.ConnectionClosed();
        }
    }

    private sealed class TcpConnection(Socket socket, string peer)
    {
        public Socket Socket { get; } = socket;
        public string Peer { get; } = peer;

        /// <summary>Owns the socket: completing the reader disposes the stream, which closes the socket.</summary>
        public PipeReader Input { get; } = PipeReader.Create(
            new NetworkStream(socket, ownsSocket: true),
            new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: false));

        public Task Completion { get; set; } = Task.CompletedTask;
    }
}
