using System.Net;
using System.Net.Sockets;

namespace TsdbServer.Tests.Support;

/// <summary>
/// Picks loopback ports that are free for both TCP and UDP right now. The server takes explicit ports
/// (0 means "disabled" in its options, as in carbon), so process-level tests reserve ports this way.
/// </summary>
public static class FreePorts
{
    public static int Next()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            using var tcp = new TcpListener(IPAddress.Loopback, 0);
            tcp.Start();
            int port = ((IPEndPoint)tcp.LocalEndpoint).Port;
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // UDP side taken: try another.
            }
        }
        throw new InvalidOperationException("no free loopback port found");
    }
}
