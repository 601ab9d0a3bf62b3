using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.Unicode;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tsdb.Core;
using Tsdb.Ingestion.Internal;
using Tsdb.Protocols;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Ingestion.Udp;

/// <summary>
/// carbon's UDP line receiver (carbon <c>protocols.py</c>, <c>MetricDatagramReceiver</c>): each datagram is
/// decoded as UTF-8 (undecodable: the whole datagram is dropped, as carbon's decode error does) and split
/// with Python's <c>str.splitlines()</c>; each line then follows the plaintext grammar. No line-length limit.
/// </summary>
public sealed class PlaintextUdpListener(
    IPEndPoint endPoint, IngestionOptions options, ChannelWriter<PointBatch> output, MetricNameInterner names,
    IngestionCounters counters, TimeProvider time, ILogger<PlaintextUdpListener> logger) : IAsyncDisposable
{
    private const int MaxDatagram = 65_535;
    private readonly InvalidInputLog _invalidLog = new(logger, time, options.InvalidInputLogInterval);
    private readonly CancellationTokenSource _stop = new();
    private Socket? _socket;
    private Task _receiveLoop = Task.CompletedTask;

    public IPEndPoint LocalEndPoint =>
        (IPEndPoint?)_socket?.LocalEndPoint ?? throw new InvalidOperationException("The listener has not been started.");

    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_socket is not null) throw new InvalidOperationException("The listener has already been started.");
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.Bind(endPoint);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _receiveLoop = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        Log.Listening(logger, nameof(PlaintextUdpListener), socket.LocalEndPoint!);
        return Task.CompletedTask;
    }

    /// <summary>Stops receiving, takes the datagrams already queued in the kernel and flushes the pending batch
    /// into the channel.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_socket is null || _stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _receiveLoop.WaitAsync(cancellationToken).ConfigureAwait(false);
        _socket.Dispose();
        Log.Stopped(logger, nameof(PlaintextUdpListener));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var batches = new BatchWriter(output, options.BatchSize);
        var parser = new PlaintextLineParser(names);
        byte[] datagram = new byte[MaxDatagram];
        char[] text = new char[MaxDatagram];
        EndPoint any = new IPEndPoint(endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        try
        {
            while (true)
            {
                SocketReceiveFromResult received;
                try
                {
                    received = await _socket!.ReceiveFromAsync(datagram, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    DrainQueued(datagram, text, any, parser, batches);
                    return;
                }
                catch (SocketException)
                {
                    // ICMP port-unreachable echoes and the like: UDP has no connection to lose.
                    continue;
                }
                Process(datagram.AsSpan(0, received.ReceivedBytes), received.RemoteEndPoint, text, parser, batches);
                // The partial batch waits while more datagrams are queued, so a flood still makes full batches.
                int dropped = batches.TryFlush(includePartial: _socket.Available == 0);
                if (dropped > 0) counters.AddUdpPointsDropped(dropped);
            }
        }
        finally
        {
            await batches.FlushAsync().ConfigureAwait(false);
        }
    }

    /// <summary>At stop: takes the datagrams the kernel already queued, at most a receive buffer's worth, so a
    /// flood cannot hold the shutdown; they are flushed with backpressure by the caller's final flush.</summary>
    private void DrainQueued(byte[] datagram, char[] text, EndPoint any, PlaintextLineParser parser, BatchWriter batches)
    {
        long budget = _socket!.ReceiveBufferSize;
        _socket.Blocking = false;
        while (budget > 0 && _socket.Available > 0)
        {
            EndPoint from = any;
            int length;
            try
            {
                length = _socket.ReceiveFrom(datagram, ref from);
            }
            catch (SocketException)
            {
                // Nothing left (EAGAIN) or an ICMP echo: the queue is done for this stop.
                return;
            }
            budget -= length;
            Process(datagram.AsSpan(0, length), from, text, parser, batches);
        }
    }

    private void Process(ReadOnlySpan<byte> bytes, EndPoint remote, char[] text, PlaintextLineParser parser, BatchWriter batches)
    {
        counters.UdpDatagramReceived();
        if (!options.IsAllowed(remote))
        {
            counters.ConnectionRefusedByAddress();
            return;
        }
        long arrivalTime = time.GetUtcNow().ToUnixTimeSeconds();
        string peer = remote.ToString() ?? "unknown";
        if (Utf8.ToUtf16(bytes, text, out _, out int length, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            counters.AddLinesInvalid(1);
            _invalidLog.Report(peer, "datagram is not valid UTF-8", bytes);
        }
        else
        {
            int accepted = 0;
            ProcessLines(text.AsSpan(0, length), parser, batches, arrivalTime, peer, ref accepted);
            counters.AddPointsReceived(accepted);
        }
    }

    // Python str.splitlines(): "\r\n" is one break, and a trailing break does not start another line.
    private void ProcessLines(ReadOnlySpan<char> text, PlaintextLineParser parser, BatchWriter batches, long arrivalTime, string peer,
        ref int accepted)
    {
        while (!text.IsEmpty)
        {
            int end = 0;
            while (end < text.Length && !PythonText.IsLineBreak(text[end])) end++;
            ProcessLine(text[..end], parser, batches, arrivalTime, peer, ref accepted);
            int next = end < text.Length && text[end] == '\r' && end + 1 < text.Length && text[end + 1] == '\n' ? end + 2 : end + 1;
            text = next >= text.Length ? [] : text[next..];
        }
    }

    private void ProcessLine(ReadOnlySpan<char> line, PlaintextLineParser parser, BatchWriter batches, long arrivalTime, string peer,
        ref int accepted)
    {
        var status = parser.TryParse(line, arrivalTime, out ParsedPoint point);
        if (ParsedLineOutcome.Apply(status, point, arrivalTime, batches, counters, ref accepted) is { } reason)
            _invalidLog.Report(peer, reason, System.Text.Encoding.UTF8.GetBytes(line.ToString()));
    }
}
