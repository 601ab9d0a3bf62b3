using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Tsdb.Core.Naming;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Tests;

/// <summary>The interner given a store's names: the store's instances are handed out and canonical names take no
/// entry of the interner's own (the store's map holds them), so a million series cost one map, not two.</summary>
public class MetricNameInternerStoreNamesTests
{
    /// <summary>The store's name map as TsdbStore keeps it: canonical names, looked up by their text.</summary>
    private sealed class StoreNames : IKnownMetricNames
    {
        private readonly ConcurrentDictionary<string, int> _names = new(StringComparer.Ordinal);

        public string Add(string name)
        {
            _names.TryAdd(name, 0);
            return _names.Keys.Single(k => k == name);
        }

        public bool TryGetName(ReadOnlySpan<char> name, [MaybeNullWhen(false)] out string instance) =>
            _names.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(name, out instance, out _);
    }

    [Fact]
    public void A_name_the_store_holds_resolves_to_the_stores_instance_without_an_entry()
    {
        var store = new StoreNames();
        string held = store.Add(new string("vm.diskinfo.writekbs.sda".AsSpan()));
        var interner = new MetricNameInterner(known: store);

        Assert.True(interner.TryResolve("vm.diskinfo.writekbs.sda".AsSpan(), out string resolved, out bool remembered));

        Assert.Same(held, resolved);
        Assert.True(remembered);
        Assert.Equal(0, interner.Count);
    }

    [Fact]
    public void A_new_canonical_name_is_not_remembered_until_the_store_holds_it()
    {
        var store = new StoreNames();
        var interner = new MetricNameInterner(known: store);

        Assert.True(interner.TryResolve("vm.meminfo.free".AsSpan(), out string first, out bool rememberedFirst));
        Assert.Equal("vm.meminfo.free", first);
        Assert.False(rememberedFirst);
        Assert.Equal(0, interner.Count);

        string held = store.Add(first);
        Assert.True(interner.TryResolve("vm.meminfo.free".AsSpan(), out string second, out bool rememberedSecond));
        Assert.Same(held, second);
        Assert.True(rememberedSecond);
    }

    [Fact]
    public void Other_spellings_and_invalid_names_are_remembered_and_share_the_stores_instance()
    {
        var store = new StoreNames();
        string held = store.Add("cpu;a=1;b=2");
        var interner = new MetricNameInterner(known: store);

        Assert.True(interner.TryResolve("cpu;b=2;a=1".AsSpan(), out string respelled, out bool remembered));
        Assert.Same(held, respelled);
        Assert.True(remembered);
        Assert.False(interner.TryResolve("cpu;b".AsSpan(), out _));
        Assert.Equal(2, interner.Count);
        Assert.True(interner.TryResolve("cpu;b=2;a=1".AsSpan(), out string again));
        Assert.Same(held, again);
    }

    [Fact]
    public void The_line_parser_gives_the_stores_instance_once_the_store_holds_the_name()
    {
        var store = new StoreNames();
        var parser = new PlaintextLineParser(new MetricNameInterner(known: store));
        byte[] line = "vm.cputotals.user 1 1795727302"u8.ToArray();

        Assert.Equal(PointParseStatus.Accepted, parser.TryParse(line, 0, out ParsedPoint first));
        string held = store.Add(first.Name);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(PointParseStatus.Accepted, parser.TryParse(line, 0, out ParsedPoint next));
            Assert.Same(held, next.Name);
        }
    }
}
