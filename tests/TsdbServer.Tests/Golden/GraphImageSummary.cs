using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TsdbServer.Tests.Golden;

/// <summary>
/// What tests/golden/record.py's image_summary keeps of a graph image, computed from an answer's bytes: a PNG's
/// size; an SVG's width and height attributes and its metadata script; a PDF's MediaBox.
/// </summary>
public static partial class GraphImageSummary
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static JsonObject Of(string mediaType, byte[] body)
    {
        switch (mediaType)
        {
            case "image/png":
                Assert.True(body.AsSpan(0, 8).SequenceEqual(PngSignature), "not a PNG");
                return new JsonObject
                {
                    ["png"] = new JsonObject
                    {
                        ["width"] = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(16, 4)),
                        ["height"] = BinaryPrimitives.ReadInt32BigEndian(body.AsSpan(20, 4)),
                    },
                };
            case "image/svg+xml":
            {
                string text = Encoding.UTF8.GetString(body);
                var head = SvgHead().Match(text);
                var meta = SvgMetadata().Match(text);
                Assert.True(head.Success && meta.Success, "the svg has no size or no metadata script");
                return new JsonObject
                {
                    ["svg"] = new JsonObject
                    {
                        ["width"] = head.Groups[1].Value, ["height"] = head.Groups[2].Value,
                        ["metadata"] = JsonNode.Parse(QuoteNonFinite(meta.Groups[1].Value)),
                    },
                };
            }
            default:
            {
                var box = PdfMediaBox().Match(Encoding.Latin1.GetString(body));
                Assert.True(box.Success, "the pdf has no MediaBox");
                var values = new JsonArray();
                foreach (var v in box.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    values.Add(double.Parse(v, System.Globalization.CultureInfo.InvariantCulture));
                return new JsonObject { ["pdf"] = new JsonObject { ["mediabox"] = values } };
            }
        }
    }

    /// <summary>Python's json writes NaN, Infinity and -Infinity bare, which JSON parsers refuse: they become strings.</summary>
    public static string QuoteNonFinite(string json) => NonFinite().Replace(json, "$1\"$2\"");

    [GeneratedRegex(@"([\[:,]\s*)(-?Infinity|NaN)(?=\s*[,\]}])")]
    private static partial Regex NonFinite();

    [GeneratedRegex("<svg[^>]*width=\"([^\"]+)\" height=\"([^\"]+)\"")]
    private static partial Regex SvgHead();

    [GeneratedRegex(@"metadata = (.*)\n  \]\]>", RegexOptions.Singleline)]
    private static partial Regex SvgMetadata();

    [GeneratedRegex(@"/MediaBox \[\s*([-\d. ]+?)\s*\]")]
    private static partial Regex PdfMediaBox();
}
