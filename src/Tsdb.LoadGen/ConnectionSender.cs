using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace Tsdb.LoadGen;

/// <summary>
/// One TCP connection carrying the series [first, first + count): per round it writes one line per series
/// into a buffer of at most 256 KiB (one round's lines when they fit: a collectl node on its own connection
/// takes 16 KiB, not 256) and sends it whole. The buffer is rented for the send only: ten thousand nodes held
/// 160 MB of buffers for the run, allocated as the fleet connected. Points are counted once their buffer has been handed to the
/// socket, and a buffer is never abandoned half sent, so the count is exactly what the peer can read.
/// </summary>
internal sealed class ConnectionSender(LoadSettings settings, SeriesSet series, int first, int count, IPEndPoint target)
{
    private const int BufferBytes = 256 * 1024;
    private long _sent;

    /// <summary>Points sent so far (read by the progress reporter on another thread).</summary>
    public long Sent => Volatile.Read(ref _sent);

    /// <summary>Sends rounds until all are sent or <paramref name="stop"/> fires (checked between buffers),
    /// then half-closes and waits (at most 30 s) for the peer to close, i.e. to have read everything.</summary>
    public async Task RunAsync(LoadClock clock, CancellationToken stop)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target, stop).ConfigureAwait(false);
        var generator = new ValueGenerator(series, first, count, settings.Seed + (ulong)first * 7919);
        int bufferSize = BufferSize();
        double ratePerConnection = settings.RatePerSecond > 0 ? (double)settings.RatePerSecond * count / series.Count : 0;
        try
        {
            for (long round = 0; round < settings.Rounds && !stop.IsCancellationRequested; round++)
            {
                long timestamp = settings.Mode == LoadMode.Collectl
                    ? await clock.WaitForSecondAsync(round, stop).ConfigureAwait(false)
                    : settings.FirstTimestamp + round;
                byte[] suffix = LineEncoder.TimestampSuffix(timestamp);
                for (int local = 0; local < count;)
                {
                    int before = local;
                    byte[] buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
                    try
                    {
                        int length = Fill(buffer.AsSpan(0, bufferSize), ref local, generator, suffix);
                        await SendAsync(socket, buffer.AsMemory(0, length)).ConfigureAwait(false);
                    }
                    finally
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                    }
                    Interlocked.Add(ref _sent, local - before);
                    if (ratePerConnection > 0) await clock.PaceAsync(Sent, ratePerConnection, stop).ConfigureAwait(false);
                    if (stop.IsCancellationRequested) return;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped while waiting for the next second or pacing: nothing half sent.
        }
        finally
        {
            await CloseGracefullyAsync(socket).ConfigureAwait(false);
        }
    }

    /// <summary>Room for this connection's whole round, capped at <see cref="BufferBytes"/>.</summary>
    private int BufferSize()
    {
        long round = 0;
        for (int local = 0; local < count && round < BufferBytes; local++)
            round += LineEncoder.MaxLineBytes(series.NameWithSpaceLength(first + local));
        return (int)Math.Min(round, BufferBytes);
    }

    /// <summary>Writes lines of this round from series <paramref name="local"/> on until the buffer is full
    /// or the range ends; returns the bytes written and advances <paramref name="local"/>.</summary>
    private int Fill(Span<byte> buffer, ref int local, ValueGenerator generator, byte[] suffix)
    {
        int perNode = series.MetricsPerNode;
        int node = (first + local) / perNode, metric = (first + local) % perNode;
        var host = series.HostWithDot(node);
        int position = 0;
        for (; local < count; local++)
        {
            var name = series.SuffixWithSpace(metric);
            if (position + LineEncoder.MaxLineBytes(host.Length + name.Length) > buffer.Length) break;
            long value = generator.Next(local);
            position = LineEncoder.Write(buffer, position, host, name, value, generator.KindOf(local) == ValueKind.Decimal2, suffix);
            if (++metric == perNode && local + 1 < count)
            {
                metric = 0;
                host = series.HostWithDot(++node);
            }
        }
        return position;
    }

    private static async Task SendAsync(Socket socket, ReadOnlyMemory<byte> data)
    {
        while (!data.IsEmpty)
        {
            int n = await socket.SendAsync(data, SocketFlags.None).ConfigureAwait(false);
            data = data[n..];
        }
    }

    private static async Task CloseGracefullyAsync(Socket socket)
    {
        try
        {
            socket.Shutdown(SocketShutdown.Send);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var scratch = new byte[64];
            while (await socket.ReceiveAsync(scratch, SocketFlags.None, timeout.Token).ConfigureAwait(false) > 0) { }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            // The peer is gone or slow to close; what was sent is already counted.
        }
    }
}
