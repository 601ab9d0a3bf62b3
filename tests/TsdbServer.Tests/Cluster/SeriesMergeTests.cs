using Tsdb.Query.Cluster;

namespace TsdbServer.Tests.Cluster;

/// <summary>graphite-web _merge_results with REMOTE_STORE_MERGE_RESULTS=True (spec §4.4).</summary>
public sealed class SeriesMergeTests
{
    private const double N = double.NaN;

    private static PeerSeries S(string name, params double[] values) => new("p.*", name, 60, 60 + 60 * values.Length, 60, values);

    [Fact]
    public void Equal_length_copies_fill_each_others_nulls()
    {
        var merged = SeriesMerge.Merge([S("a", 1, N, 3, N), S("a", N, 2, 9, N), S("a", N, N, N, 4)]);
        Assert.Equal([1, 2, 3, 4], Assert.Single(merged).Values);
    }

    [Fact]
    public void A_complete_first_copy_is_kept_and_a_longer_copy_replaces_one_with_nulls()
    {
        Assert.Equal([1, 2], Assert.Single(SeriesMerge.Merge([S("a", 1, 2), S("a", 7, 8, 9)])).Values);
        Assert.Equal([7, N, 9], Assert.Single(SeriesMerge.Merge([S("a", 1, N), S("a", 7, N, 9)])).Values);
        // Upstream then counts the replacement as null-free: a third copy changes nothing.
        Assert.Equal([7, N, 9], Assert.Single(SeriesMerge.Merge([S("a", 1, N), S("a", 7, N, 9), S("a", 1, 2, 3)])).Values);
    }

    [Fact]
    public void Empty_copies_never_replace_and_results_are_sorted_by_name()
    {
        var merged = SeriesMerge.Merge([S("b", N), S("a", 1), S("b")]);
        Assert.Equal(["a", "b"], merged.Select(s => s.Name));
        Assert.Equal([N], merged[1].Values);
    }

    [Fact]
    public void Inputs_are_not_mutated()
    {
        var first = S("a", 1, N);
        SeriesMerge.Merge([first, S("a", 1, 2)]);
        Assert.Equal([1, N], first.Values);
    }
}
