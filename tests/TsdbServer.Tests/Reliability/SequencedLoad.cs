using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// A deterministic point stream for crash tests. Point k of the stream is series <c>crash.s{k % Series}</c>
/// at timestamp <c>Base + k / Series</c> with value k, so any set of points read back can be checked
/// against the stream exactly. Sent over one TCP connection, the stream reaches storage in order (one
/// connection, one channel, one writer), so what survives a crash must be a prefix of it.
/// </summary>
public sealed class SequencedLoad(int series, long baseTimestamp)
{
    public int Series { get; } = series;
    public long Base { get; } = baseTimestamp;

    public string Name(int s) => $"crash.s{s}";

    public long Timestamp(long k) => Base + k / Series;

    /// <summary>How many of the first <paramref name="prefix"/> stream points belong to series <paramref name="s"/>.</summary>
    public long CountInPrefix(long prefix, int s) => prefix <= s ? 0 : (prefix - 1 - s) / Series + 1;

    /// <summary>
    /// Sends points [start, end) at about <paramref name="pointsPerSecond"/> until done, cancelled, or the
    /// connection breaks (the server was killed). Returns how many points were handed to the socket.
    /// </summary>
    public async Task<long> SendAsync(int port, long start, long end, int pointsPerSecond, CancellationToken cancel)
    {
        long k = start;
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port, cancel);
            var stream = client.GetStream();
            var started = DateTime.UtcNow;
            var text = new StringBuilder();
            const int Chunk = 200;
            while (k < end && !cancel.IsCancellationRequested)
            {
                // Rate limit: never ahead of pointsPerSecond since the start (bounded, no busy wait).
                double due = (k - start) / (double)pointsPerSecond;
                double ahead = due - (DateTime.UtcNow - started).TotalSeconds;
                if (ahead > 0.005) await Task.Delay(TimeSpan.FromSeconds(ahead), cancel);
                text.Clear();
                long stop = Math.Min(end, k + Chunk);
                for (long i = k; i < stop; i++)
                    text.Append(Name((int)(i % Series))).Append(' ').Append(i).Append(' ').Append(Timestamp(i)).Append('\n');
                await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), cancel);
                k = stop;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            // The server went away (kill -9) or the test stopped the load: what was sent is what counts.
        }
        return k - start;
    }

    /// <summary>
    /// Reads every series over stream points [0, upTo) from the 1 s archive and returns how many stream
    /// points are stored, after checking that they are exactly a prefix of the stream (no gap, no foreign
    /// value). Throws with the first difference otherwise.
    /// </summary>
    public async Task<long> VerifyPrefixAsync(HttpClient http, long upTo, long checkFrom = 0)
    {
        // Checking starts at a whole round: every series then has exactly checkFrom / Series points before it.
        long expectedBefore = checkFrom / Series;
        long fromTs = Base + expectedBefore - 1, untilTs = Timestamp(Math.Max(upTo - 1, 0));
        var stored = await RenderAsync(http, "crash.*", fromTs, untilTs);
        long total = 0;
        for (int s = 0; s < Series; s++)
        {
            var points = stored.TryGetValue(Name(s), out var p) ? p : [];
            for (int i = 0; i < points.Count; i++)
            {
                long k = (expectedBefore + i) * Series + s;
                if (points[i].Timestamp != Timestamp(k) || points[i].Value != k)
                    throw new Xunit.Sdk.XunitException(
                        $"{Name(s)}: expected point {k} ({Timestamp(k)}, {k}) but found ({points[i].Timestamp}, {points[i].Value})");
            }
            total += expectedBefore + points.Count;
        }
        // A prefix of length n holds CountInPrefix(n, s) points of every series s.
        for (int s = 0; s < Series; s++)
        {
            long have = expectedBefore + (stored.TryGetValue(Name(s), out var p) ? p.Count : 0);
            if (have != CountInPrefix(total, s))
                throw new Xunit.Sdk.XunitException($"stored points are not a prefix of the stream: {Name(s)} has {have}, a prefix of {total} has {CountInPrefix(total, s)}");
        }
        return total;
    }

    /// <summary>
    /// Checks every 1 m bucket of every series (average, xFilesFactor 0) against the 1 s points it covers,
    /// over stream points [0, count). Returns the number of buckets compared.
    /// </summary>
    public async Task<int> VerifyRollupsAsync(HttpClient http, long count, long now)
    {
        long untilTs = Timestamp(count - 1);
        var raw = await RenderAsync(http, "crash.*", Base - 1, untilTs);
        // from older than the 1 s archive's 1 d retention: graphite-web then reads the 1 m archive.
        var minute = await RenderAsync(http, "crash.*", now - 86400 - 3600, untilTs);
        int compared = 0;
        for (int s = 0; s < Series; s++)
        {
            var buckets = raw[Name(s)].GroupBy(p => p.Timestamp - p.Timestamp % 60)
                .ToDictionary(g => g.Key, g => g.Average(p => p.Value));
            var rolled = minute[Name(s)].ToDictionary(p => p.Timestamp, p => p.Value);
            foreach (var (bucket, average) in buckets)
            {
                if (!rolled.TryGetValue(bucket, out double value))
                    throw new Xunit.Sdk.XunitException($"{Name(s)}: 1 m bucket {bucket} missing, 1 s average is {average}");
                Assert.True(Math.Abs(value - average) <= 1e-9 * Math.Max(1, Math.Abs(average)),
                    $"{Name(s)}: 1 m bucket {bucket} is {value}, 1 s average is {average}");
                compared++;
            }
            Assert.Equal(buckets.Count, rolled.Count);
        }
        return compared;
    }

    /// <summary>Non-null points per series of a /render json answer, in time order.</summary>
    public static async Task<Dictionary<string, List<(long Timestamp, double Value)>>> RenderAsync(
        HttpClient http, string target, long from, long until)
    {
        using var response = await http.GetAsync($"/render?target={target}&from={from}&until={until}&format=json");
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var result = new Dictionary<string, List<(long, double)>>();
        foreach (var series in doc.RootElement.EnumerateArray())
        {
            result[series.GetProperty("target").GetString()!] = series.GetProperty("datapoints").EnumerateArray()
                .Where(p => p[0].ValueKind == JsonValueKind.Number)
                .Select(p => (p[1].GetInt64(), p[0].GetDouble())).ToList();
        }
        return result;
    }
}
