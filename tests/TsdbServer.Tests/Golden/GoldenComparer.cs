using System.Globalization;
using System.Text.Json;

namespace TsdbServer.Tests.Golden;

/// <summary>
/// The comparison rules of tests/golden/README.md (same as tests/golden/compare.py): status equal;
/// media type equal (charset ignored); JSON and JSONP bodies compared structurally (key order ignored,
/// numbers within 1e-9 relative, 1e9999 = infinity, ignore_keys skipped); other bodies exactly.
/// Returns null when equal, else a description of the first difference.
/// </summary>
public static class GoldenComparer
{
    public static string? Compare(GoldenCase c, int status, string contentType, string body)
    {
        if (status != c.ExpectedStatus) return $"status {status}, expected {c.ExpectedStatus}; body: {Cut(body)}";
        if (c.ExpectedStatus == 500) return null; // graphite's body is an HTML traceback page
        string mt = MediaType(contentType), emt = MediaType(c.ExpectedContentType);
        if (mt != emt) return $"content type {contentType}, expected {c.ExpectedContentType}";
        if (emt is "application/json" or "text/javascript")
        {
            // The same text is the same answer, also where Python wrote its non-JSON Infinity or NaN (dygraph and
            // rickshaw skip json's fix-ups), which no JSON parser reads.
            if (body == c.ExpectedBody) return null;
            var (a, pa) = StripJsonp(body);
            var (e, pe) = StripJsonp(c.ExpectedBody);
            if (pa != pe) return $"jsonp wrapper '{pa}', expected '{pe}'";
            try
            {
                using var actual = JsonDocument.Parse(a);
                using var expected = JsonDocument.Parse(e);
                return Diff(expected.RootElement, actual.RootElement, "$", c.IgnoreKeys);
            }
            catch (JsonException ex)
            {
                return $"invalid JSON: {ex.Message}; body: {Cut(body)}";
            }
        }
        return body == c.ExpectedBody ? null : $"body differs:\n  actual:   {Cut(body)}\n  expected: {Cut(c.ExpectedBody)}";
    }

    private static string MediaType(string ct) => ct.Split(';')[0].Trim().ToLowerInvariant();

    private static (string Json, string Prefix) StripJsonp(string body)
    {
        int paren = body.IndexOf('(');
        if (paren > 0 && body.EndsWith(')') && body[..paren].All(ch => char.IsLetterOrDigit(ch) || ch is '_' or '$' or '.'))
            return (body[(paren + 1)..^1], body[..paren]);
        return (body, "");
    }

    private static string? Diff(JsonElement e, JsonElement a, string path, IReadOnlyList<string> ignore)
    {
        if (e.ValueKind == JsonValueKind.Number || a.ValueKind == JsonValueKind.Number)
        {
            if (e.ValueKind != a.ValueKind) return $"{path}: {a.GetRawText()}, expected {e.GetRawText()}";
            double x = Number(e), y = Number(a);
            if (x == y || (double.IsNaN(x) && double.IsNaN(y))) return null;
            return Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), Math.Abs(y)) ? null : $"{path}: {a.GetRawText()}, expected {e.GetRawText()}";
        }
        if (e.ValueKind != a.ValueKind) return $"{path}: {Cut(a.GetRawText())}, expected {Cut(e.GetRawText())}";
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                var ek = e.EnumerateObject().Select(p => p.Name).Where(n => !ignore.Contains(n)).Order().ToList();
                var ak = a.EnumerateObject().Select(p => p.Name).Where(n => !ignore.Contains(n)).Order().ToList();
                if (!ek.SequenceEqual(ak)) return $"{path}: keys [{string.Join(",", ak)}], expected [{string.Join(",", ek)}]";
                foreach (var k in ek)
                    if (Diff(e.GetProperty(k), a.GetProperty(k), path + "." + k, ignore) is { } d) return d;
                return null;
            case JsonValueKind.Array:
                int n = e.GetArrayLength(), m = a.GetArrayLength();
                if (n != m) return $"{path}: {m} items, expected {n}; actual {Cut(a.GetRawText())}; expected {Cut(e.GetRawText())}";
                // Enumerated side by side: JsonElement's indexer walks the array, so e[i] would be quadratic
                // on a day of 1 s points.
                int i = 0;
                foreach (var (ei, ai) in e.EnumerateArray().Zip(a.EnumerateArray()))
                {
                    if (Diff(ei, ai, $"{path}[{i}]", ignore) is { } d) return d;
                    i++;
                }
                return null;
            default:
                return e.GetRawText() == a.GetRawText() ? null : $"{path}: {a.GetRawText()}, expected {e.GetRawText()}";
        }
    }

    /// <summary>graphite writes infinity as 1e9999, which is beyond double's range: parse it as infinity.</summary>
    private static double Number(JsonElement el) =>
        double.Parse(el.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Cut(string s) => s.Length <= 300 ? s : s[..300] + "...";
}
