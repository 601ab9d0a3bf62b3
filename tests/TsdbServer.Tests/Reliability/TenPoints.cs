using System.Net.Sockets;
using System.Text;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Reliability;

/// <summary>Ten points of one series (values 0..9, one a second) sent to a server process and read back through
/// /render: the probe of the disk-full and failed-storage tests.</summary>
internal static class TenPoints
{
    /// <summary>Sends "name i firstTimestamp+i" for i = 0..9 on a new connection.</summary>
    public static async Task SendAsync(int port, string name, long firstTimestamp)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var text = string.Concat(Enumerable.Range(0, 10).Select(i => $"{name} {i} {firstTimestamp + i}\n"));
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>Waits (30 s at most) until <paramref name="name"/> has <paramref name="count"/> values in the 300 s
    /// before <paramref name="now"/>.</summary>
    public static async Task WaitForValuesAsync(ServerProcess server, string name, long now, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ValuesAsync(server, name, now)).Count < count)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name}: points not visible:\n" + server.Output);
            await Task.Delay(50);
        }
    }

    /// <summary>The non-null values of <paramref name="name"/> in the 300 s before <paramref name="now"/>.</summary>
    public static async Task<List<double>> ValuesAsync(ServerProcess server, string name, long now)
    {
        var series = await SequencedLoad.RenderAsync(server.Http, name, now - 300, now);
        return series.TryGetValue(name, out var points) ? points.Select(p => p.Value).ToList() : [];
    }
}
