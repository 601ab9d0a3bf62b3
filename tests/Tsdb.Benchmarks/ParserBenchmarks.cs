using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tsdb.Core;
using Tsdb.Protocols;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Benchmarks;

/// <summary>
/// The plaintext parser over the collectl capture (6240 lines, 104 names): the steady state with every name
/// already interned, and the cold start where each name is canonicalized and allocated once. Plus a flood of
/// 10,000 collectl-like series (<c>node0042.diskinfo.writekbs.vda 1234.56 1795730400</c>) sent round-robin,
/// once in the same order every round (what collectl and load generators do) and once reshuffled every round
/// (name prediction misses, interner lookups on a 10,000-entry table). Reported per line (OperationsPerInvoke).
/// The server's interner resolves through the store's names (<see cref="Tsdb.Core.Naming.IKnownMetricNames"/>):
/// <see cref="Flood10kShuffledStoreNamesNoPrediction"/> is its miss path, a real store holding the 10,000 names.
/// </summary>
[MemoryDiagnoser]
public class ParserBenchmarks
{
    private const int Lines = 6240;
    private const int FloodNames = 10_000;
    private const int FloodRounds = 3;
    private const int FloodLines = FloodNames * FloodRounds;
    private Capture _collectl = null!;
    private Capture _sameOrder = null!;
    private Capture _shuffled = null!;
    private MetricNameInterner _warmInterner = null!;
    private MetricNameInterner _floodInterner = null!;
    private PlaintextLineParser _warm = null!;
    private PlaintextLineParser _warmSameOrder = null!;
    private PlaintextLineParser _warmShuffled = null!;
    private PlaintextLineParser _noPrediction = null!;
    private BenchStore _store = null!;
    private PlaintextLineParser _storeNamesNoPrediction = null!;

    [GlobalSetup]
    public void Setup()
    {
        _collectl = Capture.From(File.ReadAllBytes(Fixtures.PathOf("collectl-export-60s.txt")));
        if (_collectl.Lines.Length != Lines) throw new InvalidOperationException($"expected {Lines} lines, got {_collectl.Lines.Length}");
        _sameOrder = Capture.From(Flood(shuffle: false));
        _shuffled = Capture.From(Flood(shuffle: true));

        _warmInterner = new MetricNameInterner();
        _warm = new PlaintextLineParser(_warmInterner);
        ParseAll(_warm, _collectl);
        _floodInterner = new MetricNameInterner();
        _warmSameOrder = new PlaintextLineParser(_floodInterner);
        ParseAll(_warmSameOrder, _sameOrder);
        _warmShuffled = new PlaintextLineParser(_floodInterner);
        ParseAll(_warmShuffled, _shuffled);
        _noPrediction = new PlaintextLineParser(_floodInterner, predictedNames: 0);
        ParseAll(_noPrediction, _shuffled);

        // A store holding the flood's names (one point each), as after a live feed's first round.
        _store = new BenchStore(1795730400 + 3600);
        var storeInterner = new MetricNameInterner(known: _store.Store);
        var first = new PointBatch(FloodNames);
        var parser = new PlaintextLineParser(storeInterner, predictedNames: 0);
        ReadOnlySpan<byte> bytes = _shuffled.Bytes;
        foreach (var (start, length) in _shuffled.Lines.AsSpan(0, FloodNames))
        {
            if (parser.TryParse(bytes.Slice(start, length), 0, out ParsedPoint point) == PointParseStatus.Accepted)
                first.Add(point.Name, point.Timestamp, point.Value);
        }
        _store.Store.Write(first);
        if (_store.Store.Statistics.SeriesCount != FloodNames) throw new InvalidOperationException("the store does not hold the flood's names");
        _storeNamesNoPrediction = new PlaintextLineParser(storeInterner, predictedNames: 0);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ParseKnownNames() => ParseAll(_warm, _collectl);

    [Benchmark(OperationsPerInvoke = Lines)]
    public int ParseWithColdInterner() => ParseAll(new PlaintextLineParser(new MetricNameInterner()), _collectl);

    [Benchmark(OperationsPerInvoke = FloodLines)]
    public int Flood10kSameOrder() => ParseAll(_warmSameOrder, _sameOrder);

    [Benchmark(OperationsPerInvoke = FloodLines)]
    public int Flood10kShuffledEachRound() => ParseAll(_warmShuffled, _shuffled);

    // What the prediction bookkeeping costs when every name misses.
    [Benchmark(OperationsPerInvoke = FloodLines)]
    public int Flood10kShuffledNoPrediction() => ParseAll(_noPrediction, _shuffled);

    // The server's interner when no prediction hits: the store's name map looked up by the name's text.
    [Benchmark(OperationsPerInvoke = FloodLines)]
    public int Flood10kShuffledStoreNamesNoPrediction() => ParseAll(_storeNamesNoPrediction, _shuffled);

    // The general path (UTF-16 transcoding, PythonFloat, interner lookup per line) that the fast paths must
    // match bit for bit: the "before" figures, measured in the same run.
    [Benchmark(OperationsPerInvoke = Lines)]
    public int ReferenceKnownNames() => ParseAllReference(_warmInterner, _collectl);

    [Benchmark(OperationsPerInvoke = FloodLines)]
    public int ReferenceFlood10kSameOrder() => ParseAllReference(_floodInterner, _sameOrder);

    [Benchmark(OperationsPerInvoke = FloodLines)]
    public int ReferenceFlood10kShuffledEachRound() => ParseAllReference(_floodInterner, _shuffled);

    private static int ParseAllReference(MetricNameInterner names, Capture capture)
    {
        int accepted = 0;
        ReadOnlySpan<byte> bytes = capture.Bytes;
        foreach (var (start, length) in capture.Lines)
        {
            if (ReferencePlaintextLineParser.TryParse(names, bytes.Slice(start, length), 0, out ParsedPoint _) == PointParseStatus.Accepted) accepted++;
        }
        return accepted;
    }

    private static int ParseAll(PlaintextLineParser parser, Capture capture)
    {
        int accepted = 0;
        ReadOnlySpan<byte> bytes = capture.Bytes;
        foreach (var (start, length) in capture.Lines)
        {
            if (parser.TryParse(bytes.Slice(start, length), 0, out ParsedPoint _) == PointParseStatus.Accepted) accepted++;
        }
        return accepted;
    }

    private static byte[] Flood(bool shuffle)
    {
        string[] devices = ["vda", "vdb", "sda", "sdb", "nvme0n1"];
        string[] fields = ["reads", "readkbs", "writes", "writekbs", "rwaits", "wwaits", "quelen", "util"];
        var names = new List<string>(FloodNames);
        for (int node = 0; names.Count < FloodNames; node++)
        {
            foreach (string field in fields)
            {
                foreach (string device in devices)
                {
                    if (names.Count < FloodNames) names.Add($"node{node:D4}.diskinfo.{field}.{device}");
                }
            }
        }
        var random = new Random(42);
        var text = new StringBuilder();
        string[] order = [.. names];
        for (int round = 0; round < FloodRounds; round++)
        {
            if (shuffle) random.Shuffle(order);
            long timestamp = 1795730400 + 10 * round;
            foreach (string name in order)
            {
                double value = random.Next(0, 10_000_000) / 100.0;
                text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(timestamp).Append('\n');
            }
        }
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private sealed record Capture(byte[] Bytes, (int Start, int Length)[] Lines)
    {
        public static Capture From(byte[] bytes)
        {
            var lines = new List<(int, int)>();
            for (int start = 0, newline; (newline = Array.IndexOf(bytes, (byte)'\n', start)) >= 0; start = newline + 1)
            {
                lines.Add((start, newline - start));
            }
            return new Capture(bytes, [.. lines]);
        }
    }
}
