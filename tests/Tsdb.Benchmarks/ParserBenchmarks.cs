using BenchmarkDotNet.Attributes;
using Tsdb.Protocols;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Benchmarks;

/// <summary>
/// The plaintext parser over the collectl capture (6240 lines, 104 names): the steady state with every name
/// already interned, and the cold start where each name is canonicalized and allocated once.
/// Reported per line (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int Lines = 6240;
    private byte[] _capture = [];
    private (int Start, int Length)[] _lines = [];
    private PlaintextLineParser _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _capture = File.ReadAllBytes(FindFixture("collectl-export-60s.txt"));
        var lines = new List<(int, int)>(Lines);
        for (int start = 0, newline; (newline = Array.IndexOf(_capture, (byte)'\n', start)) >= 0; start = newline + 1)
        {
            lines.Add((start, newline - start));
        }
        _lines = [.. lines];
        _warm = new PlaintextLineParser(new MetricNameInterner());
        ParseAll(_warm);
    }

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ParseKnownNames() => ParseAll(_warm);

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ParseWithColdInterner() => ParseAll(new PlaintextLineParser(new MetricNameInterner()));

    private int ParseAll(PlaintextLineParser parser)
    {
        int accepted = 0;
        ReadOnlySpan<byte> capture = _capture;
        foreach (var (start, length) in _lines)
        {
            if (parser.TryParse(capture.Slice(start, length), 0, out ParsedPoint _) == PointParseStatus.Accepted) accepted++;
        }
        return accepted;
    }

    private static string FindFixture(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "TsdbServer.sln"))) dir = dir.Parent;
        return dir is null
            ? throw new FileNotFoundException("TsdbServer.sln not found above " + AppContext.BaseDirectory)
            : Path.Combine(dir.FullName, "..", "shared", "fixtures", name);
    }
}
