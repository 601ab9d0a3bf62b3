using System.Net;
using System.Net.Sockets;

namespace Tsdb.Ingestion.Tests;

internal static class ClientSockets
{
    public static async Task<Socket> ConnectAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(endPoint);
        return socket;
    }

    /// <summary>Sends everything, then half-closes so the server sees end of stream.</summary>
    public static async Task SendAndCloseAsync(IPEndPoint endPoint, byte[] data)
    {
        using Socket socket = await ConnectAsync(endPoint);
        await socket.SendAsync(data);
        socket.Shutdown(SocketShutdown.Send);
        await WaitForServerCloseAsync(socket);
    }

    /// <summary>Completes when the server closes the connection (EOF or reset); fails after 10 s.</summary>
    public static async Task WaitForServerCloseAsync(Socket socket)
    {
        byte[] buffer = new byte[256];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            while (await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token) > 0)
            {
            }
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
        }
    }

    public static byte[] PickleFrame(string hex)
    {
        byte[] payload = Convert.FromHexString(hex);
        byte[] frame = new byte[4 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)payload.Length);
        payload.CopyTo(frame, 4);
        return frame;
    }
}
