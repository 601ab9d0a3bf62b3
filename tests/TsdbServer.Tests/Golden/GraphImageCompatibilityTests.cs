using System.Text.Json.Nodes;

namespace TsdbServer.Tests.Golden;

/// <summary>
/// Graph images (png, svg, pdf, graphType=pie) against graphite-web 1.1.8's, recorded in tests/golden/image-cases.json
/// and expected-images/. Pixels cannot match (graphite-web draws with cairo), so what is compared is what
/// record.py keeps: a PNG's size, a PDF's page, and an SVG's size and metadata: the x range, line width, font,
/// each series (values, step, consolidation, colour, options), the y axis (limits, step, labels) exactly, and
/// the plot area within <see cref="AreaTolerance"/>. Cases in image-known-differences.txt must still differ.
/// TSDB_GOLDEN_ACTUAL_DIR writes every answer's image there, for looking at.
/// </summary>
public sealed class GraphImageCompatibilityTests(GoldenServerFixture fixture) : IClassFixture<GoldenServerFixture>
{
    /// <summary>
    /// Pixels the plot area's edges may be off: they follow text extents, and Skia's advance widths and line
    /// heights of the same DejaVu Sans differ from cairo's hinted ones by fractions of a pixel per line.
    /// </summary>
    private const double AreaTolerance = 1.0;

    private static readonly Lazy<IReadOnlyDictionary<string, string>> KnownDifferences =
        new(() => GoldenCase.KnownDifferences(GoldenCase.ImageCasesFolder, "image-known-differences.txt"));

    public static IEnumerable<object[]> Cases() => GoldenCase.ImageIds();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Image_matches_graphite_web(string id)
    {
        var c = GoldenCase.ImageCases[id];
        using var response = await fixture.Server.Http.SendAsync(c.ToRequest());
        byte[] body = await response.Content.ReadAsByteArrayAsync();
        string mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        if (Environment.GetEnvironmentVariable("TSDB_GOLDEN_ACTUAL_DIR") is { Length: > 0 } dump)
        {
            Directory.CreateDirectory(dump);
            string ext = mediaType switch { "image/png" => "png", "image/svg+xml" => "svg", "application/x-pdf" => "pdf", _ => "txt" };
            await File.WriteAllBytesAsync(Path.Combine(dump, $"{id}.{ext}"), body);
        }
        string? difference = Compare(c, (int)response.StatusCode, mediaType, body);
        if (KnownDifferences.Value.TryGetValue(id, out var reason))
            Assert.True(difference is not null, $"{id} now matches graphite-web: remove it from image-known-differences.txt ({reason})");
        else
            Assert.True(difference is null, $"{id}: {difference}");
    }

    [Fact]
    public void Every_known_difference_names_a_case_and_a_reason()
    {
        foreach (var (id, reason) in KnownDifferences.Value)
        {
            Assert.True(GoldenCase.ImageCases.ContainsKey(id), $"image-known-differences.txt names unknown case {id}");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"image-known-differences.txt: {id} has no reason");
        }
    }

    private static string? Compare(GoldenCase c, int status, string mediaType, byte[] body)
    {
        if (status != c.ExpectedStatus) return $"status {status}, expected {c.ExpectedStatus}: {System.Text.Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(300, body.Length)))}";
        string expectedType = c.ExpectedContentType.Split(';')[0].Trim();
        if (mediaType != expectedType) return $"content type {mediaType}, expected {expectedType}";
        if (status != 200) return null;
        var expected = JsonNode.Parse(GraphImageSummary.QuoteNonFinite(c.ExpectedBody))!;
        var actual = GraphImageSummary.Of(mediaType, body);
        return Diff(expected, actual, "$");
    }

    private static string? Diff(JsonNode? e, JsonNode? a, string path)
    {
        if (e is null || a is null) return e is null && a is null ? null : $"{path}: {a?.ToJsonString() ?? "null"}, expected {e?.ToJsonString() ?? "null"}";
        switch (e)
        {
            case JsonObject eo when a is JsonObject ao:
            {
                var ek = eo.Select(p => p.Key).Order().ToList();
                var ak = ao.Select(p => p.Key).Order().ToList();
                if (!ek.SequenceEqual(ak)) return $"{path}: keys [{string.Join(",", ak)}], expected [{string.Join(",", ek)}]";
                foreach (var k in ek)
                    if (Diff(eo[k], ao[k], path + "." + k) is { } d) return d;
                return null;
            }
            case JsonArray ea when a is JsonArray aa:
            {
                if (ea.Count != aa.Count) return $"{path}: {aa.Count} items, expected {ea.Count}";
                for (int i = 0; i < ea.Count; i++)
                    if (Diff(ea[i], aa[i], $"{path}[{i}]") is { } d) return d;
                return null;
            }
            case JsonValue ev when a is JsonValue av:
            {
                if (ev.TryGetValue<double>(out var x) && av.TryGetValue<double>(out var y))
                {
                    double tolerance = path.Contains(".area.", StringComparison.Ordinal)
                        ? AreaTolerance
                        : 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y));
                    return Math.Abs(x - y) <= tolerance ? null : $"{path}: {y}, expected {x}";
                }
                return ev.ToJsonString() == av.ToJsonString() ? null : $"{path}: {av.ToJsonString()}, expected {ev.ToJsonString()}";
            }
            default:
                return $"{path}: {a.ToJsonString()}, expected {e.ToJsonString()}";
        }
    }
}
