using System.Reflection;

namespace TsdbServer.Tests;

/// <summary>
/// The dependency arrows of docs (architecture): Query and Protocols never see FASTER or storage,
/// Core depends on nothing of ours, and only Storage references FASTER.
/// </summary>
public sealed class ArchitectureTests
{
    private static string[] References(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToArray();

    [Theory]
    [InlineData("Tsdb.Core", new string[0])]
    [InlineData("Tsdb.Protocols", new[] { "Tsdb.Core" })]
    // Query writes the pickle formats (render, find) with Protocols' PickleWriter.
    [InlineData("Tsdb.Query", new[] { "Tsdb.Core", "Tsdb.Protocols" })]
    // Cluster reads peers through Query's IClusterPeers contract, never storage.
    [InlineData("Tsdb.Cluster", new[] { "Tsdb.Core", "Tsdb.Protocols", "Tsdb.Query" })]
    [InlineData("Tsdb.Ingestion", new[] { "Tsdb.Core", "Tsdb.Protocols" })]
    [InlineData("Tsdb.Storage", new[] { "Tsdb.Core" })]
    public void Project_references_only_what_the_layering_allows(string assembly, string[] allowed)
    {
        var ours = References(assembly).Where(r => r.StartsWith("Tsdb.", StringComparison.Ordinal)).Order().ToArray();
        Assert.Equal(allowed.Order().ToArray(), ours);
    }

    [Theory]
    [InlineData("Tsdb.Core")]
    [InlineData("Tsdb.Protocols")]
    [InlineData("Tsdb.Query")]
    [InlineData("Tsdb.Ingestion")]
    [InlineData("Tsdb.Cluster")]
    public void Only_storage_knows_faster(string assembly) =>
        Assert.DoesNotContain(References(assembly), r => r.StartsWith("FASTER", StringComparison.Ordinal));
}
