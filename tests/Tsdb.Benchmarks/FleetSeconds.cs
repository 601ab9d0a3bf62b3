using System.Diagnostics;
using System.Globalization;
using Tsdb.Core;
using Tsdb.Protocols.Naming;

namespace Tsdb.Benchmarks;

/// <summary>
/// A fleet of collectl nodes that all started in the same second, simulated into a store (real FASTER files, a
/// clock advanced one second per round): each round writes one point of each of the nodes' 104 series through the
/// interner, in batches of one node, with the store's series handles as the listener hands them over. Prints the rounds that took more than 2.5
/// times the median so far, with the GC's pauses and allocation in them, then the median and the slowest.
/// Long-run effects a 60 s load does not reach show here: every series of the fleet crosses the same slot
/// counts of its chunk window in the same second (growth of the open chunks, sealing at the window's end).
/// The store's timed rollup runs on real time; a simulated second takes about 0.05-0.35 s, so its interval is an
/// argument (0.1 s by default, about one simulated second, as a live server rolls up once a second).
/// Not a BenchmarkDotNet benchmark (the figure is the slowest second of a run, not a mean):
///
///     dotnet run -c Release --project tests/Tsdb.Benchmarks -- fleet [nodes=1000] [seconds=740] [rollup-interval=0.1]
///
/// This process runs workstation GC; the server runs server GC with a heap per core, which the environment
/// <c>DOTNET_gcServer=1 DOTNET_GCDynamicAdaptationMode=0</c> gives here too.
/// </summary>
internal static class FleetSeconds
{
    public static void Run(string[] args)
    {
        int nodes = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        int seconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 740;
        double rollupInterval = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.1;
        string[] metrics = File.ReadLines(Fixtures.PathOf("collectl-export-60s.txt"))
            .Select(line => line[(line.IndexOf('.') + 1)..line.IndexOf(' ')]).Distinct().ToArray();
        string[] names = Enumerable.Range(0, nodes * metrics.Length)
            .Select(i => $"node{i / metrics.Length:D4}.{metrics[i % metrics.Length]}").ToArray();
        // The first second of a chunk window of the finest archive (720 s of the built-in schema).
        long start = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 720 * 720;
        using var bench = new BenchStore(start, TimeSpan.FromSeconds(rollupInterval));
        var interner = new MetricNameInterner(known: bench.Store);
        var batch = new PointBatch(metrics.Length);
        var times = new List<double>(seconds);
        Console.WriteLine($"fleet: {nodes:N0} nodes x {metrics.Length} series, {seconds} s from a window's start, timed rollup every {rollupInterval} s");
        for (int second = 0; second < seconds; second++)
        {
            long now = start + second;
            bench.Now = now;
            var pause = GC.GetTotalPauseDuration();
            long allocated = GC.GetTotalAllocatedBytes();
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            var clock = Stopwatch.StartNew();
            for (int node = 0; node < nodes; node++)
            {
                batch.Clear();
                batch.ArrivalTime = now;
                for (int m = 0; m < metrics.Length; m++)
                {
                    interner.TryResolve(names[node * metrics.Length + m], out string name, out ISeriesHandle? series);
                    batch.Add(name, now, m * 1.5 + node + second * 0.25, series);
                }
                bench.Store.Write(batch);
            }
            double ms = clock.Elapsed.TotalMilliseconds;
            times.Add(ms);
            if (second == 0 || ms > 2.5 * Median(times))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"second {second,4}: {ms,6:F0} ms, GC pause {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,4:F0} ms, allocated {(GC.GetTotalAllocatedBytes() - allocated) / 1e6,5:F0} MB, GCs {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} (gen0/1/2), heap {GC.GetTotalMemory(false) / 1e6,6:F0} MB"));
        }
        // Past the first minute: the series' creation (second 0) and their coarser archives' first chunks (second 60)
        // are behind, and what remains recurs with every window.
        var later = times.Skip(61).ToList();
        string recurring = later.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture,
            $", slowest past the first minute {later.Max():F0} ms (second {61 + later.IndexOf(later.Max())}), p99 {later.Order().ElementAt(later.Count * 99 / 100):F0} ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fleet: median second {Median(times):F0} ms, slowest {times.Max():F0} ms (second {times.IndexOf(times.Max())}){recurring}, working set {Environment.WorkingSet / 1e6:F0} MB"));
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
