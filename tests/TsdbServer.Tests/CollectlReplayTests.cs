using System.Globalization;
using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests;

/// <summary>
/// The real collectl capture replayed through the real plaintext listener of the whole server, with
/// malformed lines mixed in: all 104 series are found under vm.*, every value renders as carbon
/// would store it (the last value of a repeated second wins), and the bad lines are counted.
/// </summary>
public sealed class CollectlReplayTests
{
    private const long FirstTs = 1795727302, LastTs = 1795727361;

    [Fact]
    public async Task Capture_with_malformed_lines_is_stored_and_rendered_exactly()
    {
        var lines = await File.ReadAllLinesAsync(RepoPaths.CollectlCapture);
        var garbage = new[] { "vm.bad.line", "vm.bad.value abc 1795727310", "no timestamp 1", "vm.x 1 2 3", "vm.nan.timestamp 1 nan" };
        var stream = new StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            stream.Append(lines[i]).Append('\n');
            if (i % 1000 == 500) stream.Append(garbage[i / 1000 % garbage.Length]).Append('\n');
        }
        // Last value wins per (name, second), as carbon's cache and whisper keep it.
        var expected = new Dictionary<string, SortedDictionary<long, double>>();
        foreach (var line in lines)
        {
            var f = line.Split(' ');
            if (!expected.TryGetValue(f[0], out var series)) expected[f[0]] = series = new();
            series[long.Parse(f[2], CultureInfo.InvariantCulture)] = double.Parse(f[1], CultureInfo.InvariantCulture);
        }

        using var data = new TempDirectory();
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(LastTs + 60));
        await using var server = await InProcessServer.StartAsync(data.Path, clock);
        await server.SendPlaintextAsync(Encoding.UTF8.GetBytes(stream.ToString()));
        await server.WaitUntilStoredAsync();

        Assert.Equal(6, server.Counters.Snapshot().LinesInvalid);
        var index = JsonSerializer.Deserialize<string[]>(await server.Http.GetStringAsync("/metrics/index.json"))!;
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), index);
        Assert.Equal(104, index.Length);

        string targets = string.Join("&", expected.Keys.Select(n => "target=" + Uri.EscapeDataString(n)));
        string json = await server.Http.GetStringAsync($"/render?{targets}&from={FirstTs - 1}&until={LastTs}&now={LastTs + 60}&format=json");
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(104, doc.RootElement.GetArrayLength());
        foreach (var series in doc.RootElement.EnumerateArray())
        {
            string name = series.GetProperty("target").GetString()!;
            var points = series.GetProperty("datapoints").EnumerateArray().ToList();
            Assert.Equal(LastTs - FirstTs + 1, points.Count);
            foreach (var p in points)
            {
                long ts = p[1].GetInt64();
                if (expected[name].TryGetValue(ts, out var value)) Assert.Equal(value, p[0].GetDouble());
                else Assert.Equal(JsonValueKind.Null, p[0].ValueKind);
            }
        }
    }
}
