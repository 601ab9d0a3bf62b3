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
/// <see cref="StopAsync"/> stops accepting, then drains every connection: the bytes its socket's kernel receive
/// queue holds at that moment are still read and parsed (collectl keeps one connection and writes each second,
/// so what it sent just before a restart is there), the partial batch is flushed into the channel, and the
/// connection is closed. The channel itself is completed by the host afterwards.
/// <para>Accepting never closes what a sender opened: at <see cref="IngestionOptions.MaxConnections"/> the loop waits
/// until a connection closes (carbon's MAX_RECEIVER_CONNECTIONS), and so it does when the listeners together hold the
/// process's <see cref="DescriptorBudget"/>, which keeps descriptors for storage and the HTTP API. An accept that still
/// fails for want of resources is retried after a pause that grows to a second, logged once per episode. Retried at
/// once, such an accept failed again at once: two cores spun in the loop and the log took 70,000 lines a second.</para>
/// </summary>
public abstract class TcpConnectionListener : IAsyncDisposable
{
    private readonly IPEndPoint _endPoint;
    private readonly ConcurrentDictionary<long, TcpConnection> _connections = new();
    private Socket? _listenSocket;
    private Task _acceptLoop = Task.CompletedTask;
    private long _nextConnectionId;
    private volatile bool _stopping;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completed by every connection that ends; the accept loop, paused at the limit, waits on it and then
    /// replaces it.</summary>
    private TaskCompletionSource _connectionEnded = NewSignal();

    /// <summary>The longest pause between retries of a failing accept.</summary>
    private const int MaxAcceptRetryDelayMs = 1000;

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
            // The deepest queue the system allows (Linux: net.core.somaxconn, 4096 by default): a fleet connects at
            // once, and what the listener has not accepted yet waits there. With 512, a busy server dropped the
            // handshakes beyond it: 487 of 5,000 load-test nodes were never accepted (ConnectionBurstTests).
            socket.Listen();
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
        _stopped.TrySetResult();
        _listenSocket.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        TcpConnection[] open = [.. _connections.Values];
        long queued = open.Sum(c => c.Stream.BeginDrain());
        await Task.WhenAll(open.Select(c => c.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        Log.StoppedDraining(Logger, GetType().Name, open.Length, queued);
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
        int retryDelayMs = 0;
        long failures = 0;
        while (true)
        {
            if (IsFull() && !await WaitForRoomAsync().ConfigureAwait(false)) return;
            Socket client;
            try
            {
                client = await _listenSocket!.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or SocketException)
            {
                if (_stopping) return;
                // A sender that reset before its connection was accepted: nothing is stalled.
                if (e is SocketException { SocketErrorCode: SocketError.ConnectionAborted or SocketError.ConnectionReset }) continue;
                Counters.AcceptFailed();
                if (failures++ == 0)
                    Log.AcceptStalled(Logger, GetType().Name, e is SocketException se ? se.SocketErrorCode.ToString() : e.Message,
                        _connections.Count, MaxAcceptRetryDelayMs);
                retryDelayMs = Math.Clamp(2 * retryDelayMs, 10, MaxAcceptRetryDelayMs);
                await Task.WhenAny(Task.Delay(retryDelayMs), _stopped.Task).ConfigureAwait(false);
                continue;
            }
            if (failures > 0)
            {
                Log.AcceptRecovered(Logger, GetType().Name, failures);
                failures = 0;
                retryDelayMs = 0;
            }

            string peer = client.RemoteEndPoint?.ToString() ?? "unknown";
            if (!Options.IsAllowed(client.RemoteEndPoint))
            {
                Counters.ConnectionRefusedByAddress();
                Log.RefusingByAddress(Logger, peer);
                client.Dispose();
                continue;
            }
            client.NoDelay = true;
            var connection = new TcpConnection(client, peer);
            long id = Interlocked.Increment(ref _nextConnectionId);
            _connections[id] = connection;
            // Counted here, not when its task starts, so that the next turn of the loop sees it in the budget.
            Counters.ConnectionOpened();
            connection.Completion = Task.Run(() => RunConnectionAsync(id, connection), CancellationToken.None);
        }
    }

    /// <summary>This listener holds <see cref="IngestionOptions.MaxConnections"/>, or all listeners together hold the
    /// process's <see cref="DescriptorBudget"/>.</summary>
    private bool IsFull() => _connections.Count >= Options.MaxConnections || Counters.OpenConnections >= DescriptorBudget.Connections;

    /// <summary>While <see cref="IsFull"/>: waits until a connection has ended (true) or the listener stops (false). A
    /// connection removes itself before it completes the signal, so a signal taken before the check cannot be missed;
    /// one that ends on another listener frees descriptors without a signal here, hence the check every 100 ms.</summary>
    private async Task<bool> WaitForRoomAsync()
    {
        Counters.AcceptPaused();
        Log.PausingAccept(Logger, GetType().Name, _connections.Count, Options.MaxConnections, DescriptorBudget.Connections);
        while (true)
        {
            var ended = Volatile.Read(ref _connectionEnded);
            if (!IsFull()) break;
            await Task.WhenAny(ended.Task, Task.Delay(100), _stopped.Task).ConfigureAwait(false);
            if (_stopping) return false;
            Interlocked.CompareExchange(ref _connectionEnded, NewSignal(), ended);
        }
        Log.ResumingAccept(Logger, GetType().Name, _connections.Count);
        return true;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunConnectionAsync(long id, TcpConnection connection)
    {
        try
        {
            StreamEnd end = await ReadConnectionAsync(connection.Input, connection.Peer, connection.Stream.MoreDataPending)
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
            Volatile.Read(ref _connectionEnded).TrySetResult();
        }
    }

    private sealed class TcpConnection
    {
        public TcpConnection(Socket socket, string peer)
        {
            Peer = peer;
            Stream = new DrainingSocketStream(socket);
            // Zero-byte reads: an idle connection waits for data without holding a buffer, and a buffer is rented
            // only once bytes are there and returned when they are consumed. Without them each of a thousand
            // collectl connections held 64 KiB while waiting for its next second, more than the shared pool
            // keeps, so every read allocated its buffer anew (50 MB/s of garbage at 104,000 points/s).
            Input = PipeReader.Create(Stream, new StreamPipeReaderOptions(
                bufferSize: 64 * 1024, minimumReadSize: 4096, leaveOpen: false, useZeroByteReads: true));
        }

        public string Peer { get; }

        public DrainingSocketStream Stream { get; }

        /// <summary>Owns the socket: completing the reader disposes the stream, which closes the socket.</summary>
        public PipeReader Input { get; }

        public Task Completion { get; set; } = Task.CompletedTask;
    }

    /// <summary>
    /// A connection's socket as a read-only stream that can be drained: after <see cref="BeginDrain"/> it returns
    /// the bytes the kernel held at that moment (and whatever the kernel has when it is read), then end of stream,
    /// so a stopping listener loses nothing a sender had already delivered and never waits for a sender.
    /// </summary>
    private sealed class DrainingSocketStream(Socket socket) : Stream
    {
        private volatile bool _draining;
        private long _remaining;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public bool MoreDataPending() => socket.Available > 0;

        /// <summary>Limits further reads to the bytes queued now and shuts the receive side, which wakes a read
        /// waiting on an idle sender with end of stream. Returns the bytes queued.</summary>
        public long BeginDrain()
        {
            try
            {
                _remaining = socket.Available;
                _draining = true;
                socket.Shutdown(SocketShutdown.Receive);
                return _remaining;
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // The connection is closing on its own already.
                _draining = true;
                return 0;
            }
        }

        /// <summary>An empty <paramref name="buffer"/> waits until the socket has bytes (or is closed) and returns 0
        /// without consuming any: the pipe reader's zero-byte read.</summary>
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_draining)
            {
                if (_remaining <= 0) return 0;
                if (buffer.Length > _remaining) buffer = buffer[..(int)_remaining];
            }
            int read = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (_draining) _remaining -= read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

        protected override void Dispose(bool disposing)
        {
            if (disposing) socket.Dispose();
            base.Dispose(disposing);
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
