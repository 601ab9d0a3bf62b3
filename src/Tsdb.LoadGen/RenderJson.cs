using System.Text.Json;

namespace Tsdb.LoadGen;

/// <summary>Reads graphite-web's render JSON: <c>[{"target": ..., "datapoints": [[value, timestamp], ...]}, ...]</c>.</summary>
public static class RenderJson
{
    /// <summary>True when any series of the answer holds <paramref name="value"/> at <paramref name="timestamp"/>.</summary>
    public static bool ContainsPoint(ReadOnlySpan<byte> json, long timestamp, double value)
    {
        var reader = new Utf8JsonReader(json);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Array) return false;
        foreach (var series in document.RootElement.EnumerateArray())
        {
            if (!series.TryGetProperty("datapoints", out var points) || points.ValueKind != JsonValueKind.Array) continue;
            foreach (var point in points.EnumerateArray())
            {
                if (point.GetArrayLength() < 2) continue;
                var v = point[0];
                var t = point[1];
                if (t.ValueKind == JsonValueKind.Number && t.GetDouble() == timestamp
                    && v.ValueKind == JsonValueKind.Number && v.GetDouble() == value)
                    return true;
            }
        }
        return false;
    }
}
