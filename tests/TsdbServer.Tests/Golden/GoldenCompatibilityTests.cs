namespace TsdbServer.Tests.Golden;

/// <summary>
/// Every recorded graphite-web 1.1.8 answer in tests/golden must be reproduced, except the cases listed
/// in tests/golden/known-differences.txt with a reason; those must still differ, so the list only
/// shrinks (a case that starts to match fails here until it is removed from the list).
/// </summary>
public sealed class GoldenCompatibilityTests(GoldenServerFixture fixture) : IClassFixture<GoldenServerFixture>
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> KnownDifferences =
        new(() => GoldenCase.KnownDifferences(GoldenCase.CasesFolder, "known-differences.txt"));

    public static IEnumerable<object[]> Cases() => GoldenCase.Ids();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Answer_matches_graphite_web(string id)
    {
        var c = GoldenCase.Cases[id];
        using var response = await fixture.Server.Http.SendAsync(c.ToRequest());
        string body = await response.Content.ReadAsStringAsync();
        string contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        string? difference = GoldenComparer.Compare(c, (int)response.StatusCode, contentType, body);
        if (difference is not null && Environment.GetEnvironmentVariable("TSDB_GOLDEN_ACTUAL_DIR") is { Length: > 0 } dump)
        {
            // For triage of a fuzz run: the whole answer, in expected/'s shape, where the message is cut short.
            Directory.CreateDirectory(dump);
            await File.WriteAllTextAsync(Path.Combine(dump, id + ".json"), System.Text.Json.JsonSerializer.Serialize(
                new { status = (int)response.StatusCode, content_type = contentType, body }));
        }
        if (KnownDifferences.Value.TryGetValue(id, out var reason))
            Assert.True(difference is not null, $"{id} now matches graphite-web: remove it from known-differences.txt ({reason})");
        else
            Assert.True(difference is null, $"{id}: {difference}");
    }

    [Fact]
    public void Every_known_difference_names_a_case_and_a_reason()
    {
        foreach (var (id, reason) in KnownDifferences.Value)
        {
            Assert.True(GoldenCase.Cases.ContainsKey(id), $"known-differences.txt names unknown case {id}");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"known-differences.txt: {id} has no reason");
        }
    }
}
