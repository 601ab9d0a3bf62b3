using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;
using Tsdb.Ingestion;
using Tsdb.Ingestion.Tcp;
using Tsdb.Protocols.Naming;
using Tsdb.Query.Api;
using Tsdb.Query.Functions;
using Tsdb.Storage;

namespace TsdbServer.Hosting;

/// <summary>
/// Before anything listens, runs the paths of a fleet's first second once on throwaway parts, so that the JIT
/// compiles them then and not while the fleet's first points wait: a plaintext listener on a loopback port, the
/// interner, the storage writer and a store in <c>DATA_DIR/warm-up</c> (deleted after), 2,080 new series written
/// for three seconds, then Grafana's panels rendered as JSON and a find over them. Nothing of it reaches the
/// server's store, counters or listeners. A just-started server compiled these while 5,000 nodes' first second
/// arrived (0.7 s of JIT CPU in the first 4 s), and a fleet arriving at a warmed server saw its first second
/// 0.3-1.0 s sooner (three pairs, bench/many-nodes.sh --warm-up). A failure is logged and startup goes on.
/// </summary>
internal static class StartupWarmUp
{
    private const int Nodes = 20, MetricsPerNode = 104, Seconds = 3;

    public static void Run(string dataDirectory, string? schemasFile, string? aggregationFile, ILogger logger)
    {
        string folder = Path.Combine(dataDirectory, "warm-up");
        var clock = Stopwatch.StartNew();
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            RunAsync(folder, schemasFile, aggregationFile).GetAwaiter().GetResult();
            logger.LogInformation("Warmed up in {Milliseconds} ms (write and render paths compiled)", clock.ElapsedMilliseconds);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.LogWarning(e, "Warm-up failed after {Milliseconds} ms; starting without it", clock.ElapsedMilliseconds);
        }
        finally
        {
            try { if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true); }
            catch (IOException e) { logger.LogWarning(e, "Could not delete {Folder}", folder); }
        }
    }

    private static async Task RunAsync(string folder, string? schemasFile, string? aggregationFile)
    {
        var time = TimeProvider.System;
        var store = TsdbStore.Open(new StorageOptions
        {
            DataDirectory = folder,
            SchemasFile = schemasFile,
            AggregationFile = aggregationFile,
            CheckpointInterval = TimeSpan.FromHours(1),
        }, time, NullLoggerFactory.Instance);
        try
        {
            await WriteThroughListenerAsync(store, time);
            Render(store, time);
        }
        finally
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Collectl-shaped lines over one loopback connection, through the listener, the interner and the
    /// storage writer, as the server's own wiring does (IngestionHostedService); returns once all are stored.</summary>
    private static async Task WriteThroughListenerAsync(TsdbStore store, TimeProvider time)
    {
        var options = new IngestionOptions { BindAddress = "127.0.0.1" };
        var channel = PointChannel.Create(options.ChannelCapacity);
        var counters = new IngestionCounters();
        var writer = new StorageWriterService(channel.Reader, store, counters, NullLogger<StorageWriterService>.Instance);
        var writing = Task.Run(() => writer.RunAsync(CancellationToken.None));
        var listener = new PlaintextTcpListener(new IPEndPoint(IPAddress.Loopback, 0), options, channel.Writer,
            new MetricNameInterner(known: store), counters, time, NullLogger<PlaintextTcpListener>.Instance);
        await listener.StartAsync();
        try
        {
            long now = time.GetUtcNow().ToUnixTimeSeconds();
            using (var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
            {
                await socket.ConnectAsync(listener.LocalEndPoint);
                for (int s = 0; s < Seconds; s++) await socket.SendAsync(Lines(now - Seconds + 1 + s));
                socket.Shutdown(SocketShutdown.Send);
            }
            const long total = (long)Nodes * MetricsPerNode * Seconds;
            var deadline = Stopwatch.StartNew();
            while (store.Statistics.PointsWritten < total)
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(30)) throw new TimeoutException($"{store.Statistics.PointsWritten} of {total} points stored");
                await Task.Delay(5);
            }
        }
        finally
        {
            await listener.StopAsync();
            channel.Writer.TryComplete();
            await writing;
        }
    }

    private static byte[] Lines(long timestamp)
    {
        var text = new StringBuilder();
        for (int n = 0; n < Nodes; n++)
            for (int m = 0; m < MetricsPerNode; m++)
                text.Append("warmup").Append(n.ToString("D4")).Append(".group").Append(m % 13).Append(".metric").Append(m)
                    .Append(' ').Append(m * 1.5 + n).Append(' ').Append(timestamp).Append('\n');
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The five Grafana panels of bench/e2e.sh as the data source posts them, and a find.</summary>
    private static void Render(TsdbStore store, TimeProvider time)
    {
        var render = new RenderService(store, FunctionRegistry.Default, clock: time);
        foreach (string target in (string[])[
            "aliasByNode(warmup0001.group1.*,0,2)", "sumSeries(warmup*.group0.metric0)",
            "groupByNode(warmup*.group2.*,0,\"sumSeries\")", "highestMax(warmup*.group3.metric3,5)",
            "movingAverage(warmup0002.group4.metric4,60)"])
        {
            var response = render.Render(new RequestParameters(
                [new("target", target), new("from", "-5min"), new("until", "now"), new("format", "json"), new("maxDataPoints", "1000")]));
            if (response.StatusCode != 200) throw new InvalidOperationException($"warm-up render of {target}: {response.StatusCode} {response.Body}");
            response.Utf8Body?.Dispose();
        }
        var find = new MetricsService(store, clock: time).Find(new RequestParameters([new("query", "warmup0001.*")]));
        if (find.StatusCode != 200) throw new InvalidOperationException($"warm-up find: {find.StatusCode} {find.Body}");
    }
}
