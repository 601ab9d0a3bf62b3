using System.Net;
using System.Net.Sockets;

namespace TsdbServer.Tests.Support;

/// <summary>
/// Picks loopback ports that are free for both TCP and UDP right now. The server takes explicit ports
/// (0 means "disabled" in its options, as in carbon), so process-level tests reserve ports this way.
/// Ports come at random from below Linux's ephemeral range (32768-60999): a port the kernel hands out for
/// port 0 is also what every outgoing connection (the tests' own HTTP and TCP clients) may take as its source
/// port between the pick and the server's bind, which made "address already in use" a rare failure.
/// A port is handed out once per test process: tests run in parallel, and two of them picking the same free
/// port before either bound it let one server fail to bind while its test's HTTP client reached the other
/// test's plaintext listener, which never answers HTTP (a 30 s hang in CI).
/// </summary>
public static class FreePorts
{
    private const int Low = 20000, High = 32700;
    private static readonly HashSet<int> Given = [];

    public static int Next()
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            int port = Random.Shared.Next(Low, High);
            lock (Given)
            {
                if (!Given.Add(port)) continue;
            }
            try
            {
                using var tcp = new TcpListener(IPAddress.Loopback, port);
                tcp.Start();
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // Taken (TCP or UDP): try another.
            }
        }
        throw new InvalidOperationException($"no free loopback port found in {Low}-{High}");
    }
}
