using System.Text.Json;

namespace Tsdb.LoadGen;

/// <summary>Reads InfluxDB 1.x /query JSON (epoch=s):
/// <c>{"results":[{"series":[{"columns":["time","value"],"values":[[t, v], ...]}]}]}</c>.</summary>
public static class InfluxJson
{
    /// <summary>True when a row of any series holds <paramref name="value"/> at <paramref name="timestamp"/>
    /// (columns "time" and "value").</summary>
    public static bool ContainsPoint(ReadOnlySpan<byte> json, long timestamp, double value)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        foreach (var series in Series(document.RootElement))
        {
            int time = Column(series, "time"), val = Column(series, "value");
            if (time < 0 || val < 0 || !series.TryGetProperty("values", out var rows)) continue;
            foreach (var row in rows.EnumerateArray())
            {
                var t = row[time];
                var v = row[val];
                if (t.ValueKind == JsonValueKind.Number && t.GetDouble() == timestamp
                    && v.ValueKind == JsonValueKind.Number && v.GetDouble() == value)
                    return true;
            }
        }
        return false;
    }

    /// <summary>Sum of the "count" column over every row of every series (SELECT count(value) ...).</summary>
    public static long SumCounts(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        long total = 0;
        foreach (var series in Series(document.RootElement))
        {
            int count = Column(series, "count");
            if (count < 0 || !series.TryGetProperty("values", out var rows)) continue;
            foreach (var row in rows.EnumerateArray())
                if (row[count].ValueKind == JsonValueKind.Number) total += row[count].GetInt64();
        }
        return total;
    }

    private static IEnumerable<JsonElement> Series(JsonElement root)
    {
        if (!root.TryGetProperty("results", out var results)) yield break;
        foreach (var result in results.EnumerateArray())
            if (result.TryGetProperty("series", out var series))
                foreach (var s in series.EnumerateArray()) yield return s;
    }

    private static int Column(JsonElement series, string name)
    {
        if (!series.TryGetProperty("columns", out var columns)) return -1;
        int i = 0;
        foreach (var c in columns.EnumerateArray())
        {
            if (c.ValueKind == JsonValueKind.String && c.GetString() == name) return i;
            i++;
        }
        return -1;
    }
}
