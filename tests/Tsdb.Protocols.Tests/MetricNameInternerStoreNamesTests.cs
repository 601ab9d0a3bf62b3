using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Tsdb.Core;
using Tsdb.Core.Naming;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Tests;

/// <summary>The interner given a store's names: the store's instances are handed out and canonical names take no
/// entry of the interner's own (the store's map holds them), so a million series cost one map, not two; with them
/// the store's handle of the series, which the store's writer takes instead of finding the series by name.</summary>
public class MetricNameInternerStoreNamesTests
{
    /// <summary>The store's name map as TsdbStore keeps it: canonical names, looked up by their text, each with its
    /// series (here a handle holding only the name).</summary>
    /// <summary>Two collectl lines a connection sends every second, in this order.</summary>
    private static readonly byte[][] Lines = ["vm.cputotals.user 1 1795727302"u8.ToArray(), "vm.cputotals.sys 2 1795727302"u8.ToArray()];

    private sealed class StoreNames : IKnownMetricNames
    {
        private readonly ConcurrentDictionary<string, ISeriesHandle> _names = new(StringComparer.Ordinal);

        /// <summary>How often ingestion asked for a series.</summary>
        public int Lookups => Volatile.Read(ref _lookups);

        private int _lookups;

        public string Add(string name) => _names.GetOrAdd(name, n => new Handle(n)).Name;

        public ISeriesHandle SeriesOf(string name) => _names[name];

        public bool TryGetSeries(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out ISeriesHandle series)
        {
            Interlocked.Increment(ref _lookups);
            return _names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out series);
        }

        private sealed record Handle(string Name) : ISeriesHandle;
    }

    [Fact]
    public void A_name_the_store_holds_resolves_to_the_stores_instance_without_an_entry()
    {
        var store = new StoreNames();
        string held = store.Add(new string("vm.diskinfo.writekbs.sda".AsSpan()));
        var interner = new MetricNameInterner(known: store);

        Assert.True(interner.TryResolve("vm.diskinfo.writekbs.sda".AsSpan(), out string resolved, out ISeriesHandle? series, out NameReuse reuse));

        Assert.Same(held, resolved);
        Assert.Same(store.SeriesOf(held), series);
        Assert.Equal(NameReuse.Remembered, reuse);
        Assert.Equal(0, interner.Count);
    }

    [Fact]
    public void A_new_canonical_name_takes_no_entry_and_is_reusable_until_the_store_holds_it()
    {
        var store = new StoreNames();
        var interner = new MetricNameInterner(known: store);

        Assert.True(interner.TryResolve("vm.meminfo.free".AsSpan(), out string first, out ISeriesHandle? noSeries, out NameReuse reuseFirst));
        Assert.Equal("vm.meminfo.free", first);
        Assert.Null(noSeries);
        Assert.Equal(NameReuse.Pending, reuseFirst);
        Assert.Equal(0, interner.Count);

        string held = store.Add(first);
        Assert.True(interner.TryResolve("vm.meminfo.free".AsSpan(), out string second, out ISeriesHandle? series, out NameReuse reuseSecond));
        Assert.Same(held, second);
        Assert.Same(store.SeriesOf(held), series);
        Assert.Equal(NameReuse.Remembered, reuseSecond);
        Assert.Equal(0, interner.Count);
    }

    /// <summary>A burst of new series: the store creates them a few seconds after their first points, and a
    /// connection that sends the same names every second must not hand it a new string per point meanwhile.</summary>
    [Fact]
    public void The_line_parser_keeps_one_instance_of_a_new_name_while_the_store_does_not_hold_it()
    {
        var store = new StoreNames();
        var parser = new PlaintextLineParser(new MetricNameInterner(known: store));

        var first = new string[2];
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[i], 0, out ParsedPoint point));
                // Not a handle: the slot the store's writer would fill.
                Assert.IsType<SeriesSlot>(point.Series, exactMatch: false);
                if (round == 0) first[i] = point.Name;
                else Assert.Same(first[i], point.Name);
            }
        }
        Assert.Equal("vm.cputotals.user", first[0]);
        Assert.Same(first[0], store.Add(first[0]));
    }

    [Fact]
    public void Other_spellings_and_invalid_names_are_remembered_and_share_the_stores_instance()
    {
        var store = new StoreNames();
        string held = store.Add("cpu;a=1;b=2");
        var interner = new MetricNameInterner(known: store);

        Assert.True(interner.TryResolve("cpu;b=2;a=1".AsSpan(), out string respelled, out ISeriesHandle? series, out NameReuse reuse));
        Assert.Same(held, respelled);
        // The handle comes with the canonical spelling only (which is how the store finds it).
        Assert.Null(series);
        Assert.Equal(NameReuse.Remembered, reuse);
        Assert.False(interner.TryResolve("cpu;b".AsSpan(), out _));
        Assert.Equal(2, interner.Count);
        Assert.True(interner.TryResolve("cpu;b=2;a=1".AsSpan(), out string again));
        Assert.Same(held, again);
    }

    [Fact]
    public void The_line_parser_gives_the_stores_instance_and_series_once_the_store_holds_the_name()
    {
        var store = new StoreNames();
        var parser = new PlaintextLineParser(new MetricNameInterner(known: store));

        Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[0], 0, out ParsedPoint first));
        Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[1], 0, out _));
        Assert.IsType<SeriesSlot>(first.Series, exactMatch: false);
        // A copy of the text: the store holds its own instance, as it does after a restart.
        string held = store.Add(new string(first.Name.AsSpan()));
        for (int i = 0; i < 3; i++)
        {
            // From the interner (the first round misses the prediction) or from the slot, which the interner's
            // answer filled.
            Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[0], 0, out ParsedPoint next));
            Assert.Same(held, next.Name);
            Assert.Same(store.SeriesOf(held), next.Series);
            Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[1], 0, out ParsedPoint other));
            Assert.IsType<SeriesSlot>(other.Series, exactMatch: false);
        }
    }

    /// <summary>The store's writer finds a point that carries a slot by name and puts the series in the slot: from
    /// then on the connection hands the series over, with the store's instance of the name, and never asks the
    /// store for it.</summary>
    [Fact]
    public void A_slot_the_writer_filled_gives_the_series_and_its_name_instance_to_the_next_points()
    {
        var store = new StoreNames();
        var parser = new PlaintextLineParser(new MetricNameInterner(known: store));
        var points = new ParsedPoint[2];
        for (int i = 0; i < 2; i++) Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[i], 0, out points[i]));

        // The writer's part, for both names: create the series (a name instance of its own) and fill the slot.
        foreach (var point in points)
        {
            string held = store.Add(new string(point.Name.AsSpan()));
            ((SeriesSlot)point.Series!).Series = store.SeriesOf(held);
        }
        int lookups = store.Lookups;
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Lines[i], 0, out ParsedPoint next));
                var series = store.SeriesOf(points[i].Name);
                Assert.Same(series, next.Series);
                Assert.Same(series.Name, next.Name);
            }
        }
        // The first line of the second round still misses the prediction (nothing followed the last name yet) and
        // asks once; every later point is predicted and takes the slot's series without asking.
        Assert.Equal(lookups + 1, store.Lookups);
    }
}
