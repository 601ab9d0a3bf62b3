using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;

namespace Tsdb.Ingestion.Tests;

/// <summary>carbon's whitelist and blacklist as files: matching, counting, comments, bad patterns, and re-reading.</summary>
public sealed class MetricNameFilterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tsdb-lists-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A clock whose monotonic timestamp only moves when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
    }

    private string Write(string name, string text, int secondsLater = 0)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetLastWriteTimeUtc(path, new DateTime(2026, 11, 27, 12, 0, 0, DateTimeKind.Utc).AddSeconds(secondsLater));
        return path;
    }

    private static PointBatch Batch(params string[] names)
    {
        var batch = new PointBatch();
        foreach (var name in names) batch.Add(name, 100, 1);
        return batch;
    }

    [Fact]
    public void Blacklisted_names_go_first_then_names_no_whitelist_pattern_matches()
    {
        string white = Write("whitelist.conf", "# collectl only\n^vm\\.\n\n  \n");
        string black = Write("blacklist.conf", "nettotals\n#^vm\\.cpu\n[unclosed\n");
        var filter = new MetricNameFilter(white, black, new ManualClock(), NullLogger.Instance);
        var counters = new IngestionCounters();
        var batch = Batch("vm.cputotals.user", "vm.nettotals.kbin", "other.metric", "vm.meminfo.free");

        filter.Apply(batch, counters);

        Assert.Equal(["vm.cputotals.user", "vm.meminfo.free"], batch.Names.ToArray());
        Assert.Equal([100L, 100L], batch.Timestamps.ToArray());
        var c = counters.Snapshot();
        Assert.Equal((1L, 1L), (c.BlacklistMatches, c.WhitelistRejects));
    }

    [Fact]
    public void Missing_or_empty_lists_let_everything_through()
    {
        var filter = new MetricNameFilter(Path.Combine(_dir, "absent.conf"), Write("blacklist.conf", "# nothing yet\n"),
            new ManualClock(), NullLogger.Instance);
        var batch = Batch("a.b", "c.d");
        filter.Apply(batch, new IngestionCounters());
        Assert.Equal(2, batch.Count);
        Assert.False(new MetricNameFilter(null, null, TimeProvider.System, NullLogger.Instance).IsConfigured);
    }

    [Fact]
    public void A_changed_file_is_read_again_at_the_next_check_and_forgets_the_old_verdicts()
    {
        var clock = new ManualClock();
        string black = Write("blacklist.conf", "^a\\.");
        var filter = new MetricNameFilter(null, black, clock, NullLogger.Instance);
        var counters = new IngestionCounters();

        var first = Batch("a.x", "b.x");
        filter.Apply(first, counters);
        Assert.Equal(["b.x"], first.Names.ToArray());

        Write("blacklist.conf", "^b\\.", secondsLater: 5);
        var unchanged = Batch("a.x", "b.x");
        filter.Apply(unchanged, counters);
        Assert.Equal(["b.x"], unchanged.Names.ToArray()); // not checked again before 10 s

        clock.Ticks += MetricNameFilter.RereadInterval.Ticks;
        var reread = Batch("a.x", "b.x");
        filter.Apply(reread, counters);
        Assert.Equal(["a.x"], reread.Names.ToArray());

        File.Delete(black);
        clock.Ticks += MetricNameFilter.RereadInterval.Ticks;
        var gone = Batch("a.x", "b.x");
        filter.Apply(gone, counters);
        Assert.Equal(2, gone.Count);
        Assert.Equal(3, counters.Snapshot().BlacklistMatches);
    }
}
