namespace Tsdb.LoadGen;

/// <summary>
/// The series one collectl node exports with <c>--export graphite,...,s=cdmnstxyCDMNTXY</c>:
/// <c>&lt;host&gt;.&lt;group&gt;.&lt;metric&gt;[.&lt;instance&gt;]</c>, with two CPUs, one disk (vda) and three
/// interfaces this is the 104 names of the fixture capture.
/// </summary>
public static class CollectlNodeTemplate
{
    public static IReadOnlyList<MetricShape> Metrics { get; } = Build();

    private static List<MetricShape> Build()
    {
        var m = new List<MetricShape>();
        void Add(string suffix, ValueKind kind, long mean, long scale) => m.Add(new MetricShape(suffix, kind, mean, scale));

        foreach (var (name, mean) in new[] { ("user", 2L), ("nice", 0L), ("sys", 4L), ("wait", 0L), ("idle", 92L), ("irq", 0L), ("soft", 0L), ("steal", 1L) })
            Add("cputotals." + name, ValueKind.Percent, mean, 2);
        Add("ctxint.ctx", ValueKind.Drift, 425, 40);
        Add("ctxint.int", ValueKind.Drift, 283, 30);
        Add("ctxint.proc", ValueKind.Bursty, 0, 60);
        Add("ctxint.runq", ValueKind.Drift, 111, 2);
        Add("cpuload.avg1", ValueKind.Decimal2, 50, 400);
        Add("cpuload.avg5", ValueKind.Decimal2, 56, 400);
        Add("cpuload.avg15", ValueKind.Decimal2, 30, 400);
        foreach (var cpu in new[] { "cpu0", "cpu1" })
            foreach (var (name, mean) in new[] { ("user", 1L), ("nice", 0L), ("sys", 4L), ("wait", 0L), ("irq", 0L), ("soft", 0L), ("steal", 1L), ("idle", 90L), ("intrpt", 0L) })
                Add($"cpuinfo.{name}.{cpu}", ValueKind.Percent, mean, 3);
        foreach (var name in new[] { "reads", "readkbs", "writes", "writekbs", "rqst", "qlen", "wait", "time", "util" })
            Add($"diskinfo.{name}.vda", ValueKind.Bursty, 0, name.EndsWith("kbs", StringComparison.Ordinal) ? 4096 : 100);
        foreach (var name in new[] { "reads", "readkbs", "writes", "writekbs" })
            Add("disktotals." + name, ValueKind.Bursty, 0, name.EndsWith("kbs", StringComparison.Ordinal) ? 4096 : 100);
        Add("meminfo.tot", ValueKind.Constant, 24684092, 0);
        Add("meminfo.free", ValueKind.Drift, 23614328, 512);
        Add("meminfo.shared", ValueKind.Constant, 0, 0);
        Add("meminfo.buf", ValueKind.Drift, 7656, 4);
        Add("meminfo.cached", ValueKind.Drift, 693064, 64);
        Add("meminfo.used", ValueKind.Drift, 1069764, 512);
        Add("meminfo.slab", ValueKind.Drift, 117640, 16);
        Add("meminfo.map", ValueKind.Drift, 44912, 8);
        Add("meminfo.hugetot", ValueKind.Constant, 0, 0);
        Add("meminfo.hugefree", ValueKind.Constant, 0, 0);
        Add("meminfo.hugersvd", ValueKind.Constant, 0, 0);
        foreach (var iface in new[] { "", ".ifb0", ".ifb1", ".eth0" })
            foreach (var name in new[] { "kbin", "pktin", "kbout", "pktout" })
                Add($"nettotals.{name}{iface}", ValueKind.Bursty, 0, name.StartsWith("kb", StringComparison.Ordinal) ? 2048 : 500);
        foreach (var name in new[] { "used", "free", "slab", "map", "anon", "lock", "act", "inact" })
            Add($"numainfo.{name}.0", name is "free" or "used" ? ValueKind.Drift : ValueKind.Constant, 100_000, 256);
        foreach (var name in new[] { "fault", "majfault", "in", "out" })
            Add("pageinfo." + name, ValueKind.Bursty, 0, 5000);
        foreach (var name in new[] { "used", "alloc", "orphan", "tw", "tcp", "udp", "raw", "frag", "fragm", "mem" })
            Add("sockinfo." + name, ValueKind.Drift, 20, 1);
        Add("swapinfo.total", ValueKind.Constant, 0, 0);
        Add("swapinfo.free", ValueKind.Constant, 0, 0);
        Add("swapinfo.used", ValueKind.Constant, 0, 0);
        Add("swapinfo.in", ValueKind.Constant, 0, 0);
        Add("swapinfo.out", ValueKind.Constant, 0, 0);
        foreach (var name in new[] { "iperrs", "tcperrs", "udperrs", "icmperrs" })
            Add("tcpinfo." + name, ValueKind.Bursty, 0, 3);
        return m;
    }
}
