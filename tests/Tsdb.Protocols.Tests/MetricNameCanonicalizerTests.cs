using Tsdb.Protocols.Naming;

namespace Tsdb.Protocols.Tests;

// Expected canonical forms checked against carbon's TaggedSeries.parse(...).path (carbon lib/carbon/util.py).
public class MetricNameCanonicalizerTests
{
    [Theory]
    [InlineData("cpu.load", "cpu.load")]
    [InlineData("~cpu.load", "cpu.load")]
    [InlineData("~~cpu", "cpu")]
    [InlineData("a..b", "a.b")]
    [InlineData(".a.b.", "a.b")]
    [InlineData("a/b.c", "a.b.c")]
    [InlineData("cpu{}", "cpu{}")]
    [InlineData("cpu;host=a;dc=x", "cpu;dc=x;host=a")]
    [InlineData("cpu;b=2;a=1;b=3", "cpu;a=1;b=3")]
    [InlineData("cpu;a=1;a-b=1", "cpu;a-b=1;a=1")]
    [InlineData("cpu;name=other;z=1", "cpu;z=1")]
    [InlineData("cpu;name=other", "cpu")]
    [InlineData("cpu;t=a=b", "cpu;t=a=b")]
    [InlineData("cpu;t=x~", "cpu;t=x~")]
    [InlineData("~cpu;t=v", "cpu;t=v")]
    [InlineData("a..b;t=v", "a..b;t=v")]
    [InlineData("cpu{host=\"a\",dc=\"x\"}", "cpu;dc=x;host=a")]
    [InlineData("cpu{a=\"q\\\"uote\",b=\"back\\\\slash\"}", "cpu;a=q\"uote;b=back\\slash")]
    [InlineData("cpu{a=\"1\":,b=\"2\"}", "cpu;a=1;b=2")]
    [InlineData("cpu{a=\"1\",a=\"2\"}", "cpu;a=2")]
    [InlineData("a.b{t=\"v\"}", "a.b;t=v")]
    [InlineData("m;z=\U0001F600;z\uFF10=1", "m;z=\U0001F600;z\uFF10=1")]
    public void Canonicalizes_like_carbon(string raw, string expected)
    {
        Assert.True(MetricNameCanonicalizer.TryCanonicalize(raw, out string canonical, out string? error), error);
        Assert.Equal(expected, canonical);
    }

    [Theory]
    [InlineData("cpu;t=~v")]
    [InlineData("cpu;t!=v")]
    [InlineData("cpu;t^=v")]
    [InlineData("cpu;=v")]
    [InlineData("cpu;t=")]
    [InlineData("cpu;")]
    [InlineData(";t=v")]
    [InlineData("~;t=v")]
    [InlineData("~")]
    [InlineData("...")]
    [InlineData("cpu;t")]
    [InlineData("cpu;t=a;b")]
    [InlineData("cpu{a=\"1\"}{b=\"2\"}")]
    [InlineData("{a=\"1\"}")]
    [InlineData("cpu{a=1\"}")]
    [InlineData("cpu{a=\"\",b=\"2\"}")]
    [InlineData("cpu{a=\"x\\q\"}")]
    [InlineData("cpu{a=\"1\" b=\"2\"}")]
    [InlineData("cpu{a=\"x;y\"}")]
    [InlineData("cpu{a=\"1\"},x=\"2\"}")]
    public void Rejects_what_carbon_cannot_parse(string raw)
    {
        Assert.False(MetricNameCanonicalizer.TryCanonicalize(raw, out _, out string? error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Sorts_tags_by_code_point_like_python()
    {
        // U+FF10 sorts before U+1F600 in Python; ordinal UTF-16 order would put the surrogate pair first.
        Assert.True(MetricNameCanonicalizer.TryCanonicalize("m;\U0001F600=1;\uFF10=2", out string canonical, out _));
        Assert.Equal("m;\uFF10=2;\U0001F600=1", canonical);
    }

    [Fact]
    public void Interner_reuses_one_string_per_series()
    {
        var interner = new MetricNameInterner();
        Assert.True(interner.TryResolve("cpu;b=2;a=1", out string first));
        Assert.True(interner.TryResolve("cpu;a=1;b=2".AsSpan(), out string second));
        Assert.True(interner.TryResolve("~cpu;b=2;a=1", out string third));
        Assert.Equal("cpu;a=1;b=2", first);
        Assert.Same(first, second);
        Assert.Same(first, third);
        Assert.False(interner.TryResolve("cpu;b", out _));
        Assert.False(interner.TryResolve("cpu;b", out _));
    }

    [Fact]
    public void Interner_past_its_cap_still_resolves_without_remembering()
    {
        var interner = new MetricNameInterner(maxEntries: 1);
        Assert.True(interner.TryResolve("a", out _));
        Assert.True(interner.TryResolve("b..c", out string name));
        Assert.Equal("b.c", name);
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void Node_count_limit_holds_on_the_plain_path_too()
    {
        // A plain dotted name skips the full parse; its node limit must be the same as the parse's.
        string atLimit = string.Join('.', Enumerable.Repeat("n", MetricNameCanonicalizer.MaxNodes));
        Assert.True(MetricNameCanonicalizer.TryCanonicalize(atLimit, out string canonical, out _));
        Assert.Same(atLimit, canonical);
        Assert.False(MetricNameCanonicalizer.TryCanonicalize(atLimit + ".n", out _, out string? error));
        Assert.Contains("more than", error);
    }
}
