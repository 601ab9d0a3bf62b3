using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Golden;

/// <summary>
/// One recorded request of tests/golden/cases.json and graphite-web 1.1.8's answer from
/// tests/golden/expected/&lt;id&gt;.json (see tests/golden/README.md for the format).
/// </summary>
public sealed record GoldenCase(
    string Id, string Method, string Path,
    IReadOnlyList<KeyValuePair<string, string>> Params,
    IReadOnlyList<KeyValuePair<string, string>> Query,
    string? RawBody,
    IReadOnlyList<string> IgnoreKeys,
    int ExpectedStatus, string ExpectedContentType, string ExpectedBody)
{
    /// <summary>tests/golden: the dataset, and the recorded cases unless <see cref="CasesFolder"/> points elsewhere.</summary>
    public static string Folder => System.IO.Path.Combine(RepoPaths.Root, "tests", "golden");

    /// <summary>
    /// Where cases.json, expected/ and known-differences.txt are read: tests/golden, or the folder named by
    /// TSDB_GOLDEN_DIR, where a differential fuzz run keeps the cases tests/golden/fuzz.py wrote and
    /// record.py recorded (tests/golden/README.md). A missing known-differences.txt there lists none.
    /// </summary>
    public static string CasesFolder =>
        Environment.GetEnvironmentVariable("TSDB_GOLDEN_DIR") is { Length: > 0 } dir ? dir : Folder;

    /// <summary>The dataset's NOW (tests/golden/README.md): every golden request and the ingestion use it.</summary>
    public const long Now = 1795730400;

    private static readonly Lazy<IReadOnlyDictionary<string, GoldenCase>> All = new(() => Load(CasesFolder, "cases.json", "expected"));
    private static readonly Lazy<IReadOnlyDictionary<string, GoldenCase>> AllImages =
        new(() => Load(ImageCasesFolder, "image-cases.json", "expected-images"));

    /// <summary>Where image-cases.json is read: the TSDB_GOLDEN_DIR folder when it has one (an image fuzz run), else tests/golden.</summary>
    public static string ImageCasesFolder =>
        File.Exists(System.IO.Path.Combine(CasesFolder, "image-cases.json")) ? CasesFolder : Folder;

    public static IReadOnlyDictionary<string, GoldenCase> Cases => All.Value;

    /// <summary>The graph image cases (image-cases.json and expected-images/ of <see cref="ImageCasesFolder"/>): their
    /// bodies are record.py's image summaries.</summary>
    public static IReadOnlyDictionary<string, GoldenCase> ImageCases => AllImages.Value;

    public static IEnumerable<object[]> Ids() => Cases.Keys.Order(StringComparer.Ordinal).Select(id => new object[] { id });

    public static IEnumerable<object[]> ImageIds() => ImageCases.Keys.Order(StringComparer.Ordinal).Select(id => new object[] { id });

    private static IReadOnlyDictionary<string, GoldenCase> Load(string folder, string casesFile, string expectedFolder)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, casesFile)));
        var cases = new Dictionary<string, GoldenCase>(StringComparer.Ordinal);
        foreach (var c in doc.RootElement.EnumerateArray())
        {
            string id = c.GetProperty("id").GetString()!;
            using var exp = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(folder, expectedFolder, id + ".json")));
            cases[id] = new GoldenCase(
                id,
                c.GetProperty("method").GetString()!,
                c.GetProperty("path").GetString()!,
                Pairs(c, "params"),
                Pairs(c, "query"),
                c.TryGetProperty("raw_body", out var raw) ? raw.GetString() : null,
                c.TryGetProperty("ignore_keys", out var ig) ? ig.EnumerateArray().Select(e => e.GetString()!).ToArray() : [],
                exp.RootElement.GetProperty("status").GetInt32(),
                exp.RootElement.GetProperty("content_type").GetString()!,
                exp.RootElement.GetProperty("body").GetString()!);
        }
        return cases;
    }

    private static KeyValuePair<string, string>[] Pairs(JsonElement c, string name) =>
        c.TryGetProperty(name, out var p)
            ? p.EnumerateArray().Select(kv => new KeyValuePair<string, string>(kv[0].GetString()!, kv[1].GetString()!)).ToArray()
            : [];

    /// <summary>
    /// A known-differences file (case id, a tab, the reason; '#' comments): the cases answered differently on
    /// purpose. A missing file lists none.
    /// </summary>
    public static IReadOnlyDictionary<string, string> KnownDifferences(string folder, string fileName)
    {
        string path = System.IO.Path.Combine(folder, fileName);
        return (File.Exists(path) ? File.ReadAllLines(path) : [])
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2))
            .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
    }

    /// <summary>The HTTP request exactly as the recorder sent it.</summary>
    public HttpRequestMessage ToRequest()
    {
        static string Encode(IEnumerable<KeyValuePair<string, string>> pairs) =>
            string.Join("&", pairs.Select(kv => Uri.EscapeDataString(kv.Key) + "=" + Uri.EscapeDataString(kv.Value)));
        if (Method == "GET")
        {
            string qs = Encode(Params);
            return new HttpRequestMessage(HttpMethod.Get, qs.Length == 0 ? Path : Path + "?" + qs);
        }
        string url = Query.Count == 0 ? Path : Path + "?" + Encode(Query);
        var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(RawBody ?? Encode(Params), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Content.Headers.ContentType!.CharSet = null;
        return request;
    }
}
