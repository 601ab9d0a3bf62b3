using System.Text;
using Tsdb.Query.Api;
using Tsdb.Query.Api.Render;
using Tsdb.Query.Model;

namespace Tsdb.Query.Tests.Api;

using Tags = Tsdb.Query.Model.Tags;

/// <summary>
/// The render JSON written in pooled UTF-8 pieces is byte for byte the text written whole, graphite-web's
/// 'NaN,' and 'Infinity,' fix-ups included, and the pooled body keeps any text intact across its arrays.
/// </summary>
public class RenderJsonUtf8Tests
{
    private static RenderRequest Request(int? maxDataPoints = null) => new([], 0, 100, 100, TimeZoneInfo.Utc, "json", maxDataPoints,
        false, null, false, 0, new Dictionary<string, string>(), 60, false, false);

    private static List<TimeSeries> ManySeries(int count, int points)
    {
        var random = new Random(7);
        var data = new List<TimeSeries>();
        for (int s = 0; s < count; s++)
        {
            var values = new double[points];
            for (int i = 0; i < points; i++)
            {
                values[i] = (i % 97) switch
                {
                    0 => double.NaN,
                    1 => double.PositiveInfinity,
                    2 => double.NegativeInfinity,
                    3 => 0.1 + 0.2,
                    _ => Math.Round(random.NextDouble() * 1e6, random.Next(0, 7)),
                };
            }
            // Names that the whole-text fix-ups rewrite, and ones that need escaping.
            string name = s % 3 == 0 ? $"host{s}.NaN,Infinity,x" : s % 3 == 1 ? $"hôst{s}.\"q\"\\" : $"h{s}.😀.disk";
            var tags = new Tags { ["name"] = name, ["dc"] = "NaN," };
            data.Add(new TimeSeries(name, 1_000_000, 1_000_000 + points, 1, values, name, tags)
            {
                IntegerValues = s % 2 == 0 ? values.Select((v, i) => i % 5 == 0 && double.IsFinite(v) && v == Math.Floor(v)).ToArray() : null,
            });
        }
        return data;
    }

    [Theory]
    [InlineData(1, 10, null)]
    [InlineData(40, 5000, null)]
    [InlineData(40, 5000, 700)]
    [InlineData(0, 0, null)]
    public async Task Pieces_give_the_whole_text(int count, int points, int? maxDataPoints)
    {
        string whole = RenderFormats.Json(ManySeries(count, points), Request(maxDataPoints));
        using var body = RenderFormats.JsonUtf8(ManySeries(count, points), Request(maxDataPoints));
        Assert.Equal(Encoding.UTF8.GetByteCount(whole), body.Length);
        Assert.Equal(whole, body.ToString());
        var written = new MemoryStream();
        await body.WriteToAsync(written);
        Assert.Equal(Encoding.UTF8.GetBytes(whole), written.ToArray());
    }

    [Fact]
    public void The_fixups_reach_names_tags_and_infinite_values()
    {
        using var body = RenderFormats.JsonUtf8(ManySeries(1, 5), Request());
        string text = body.ToString();
        Assert.Contains("\"target\": \"host0.null,1e9999,x\"", text);
        Assert.Contains("\"dc\": \"null,\"", text);
        Assert.Contains("[1e9999, 1000001]", text);
        Assert.Contains("[-1e9999, 1000002]", text);
    }

    [Fact]
    public void Multibyte_text_survives_the_array_boundaries()
    {
        var expected = new StringBuilder();
        using var body = new PooledUtf8Body();
        for (int i = 0; i < 30_000; i++)
        {
            string piece = (i % 4) switch { 0 => "a", 1 => "é", 2 => "😀", _ => "€x" };
            expected.Append(piece);
            body.Append(piece);
        }
        var long_ = string.Concat(Enumerable.Repeat("😀é", 50_000));
        expected.Append(long_);
        body.Append(long_);
        Assert.Equal(Encoding.UTF8.GetByteCount(expected.ToString()), body.Length);
        Assert.Equal(expected.ToString(), body.ToString());
    }
}
