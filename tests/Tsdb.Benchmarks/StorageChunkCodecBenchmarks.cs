using BenchmarkDotNet.Attributes;
using Tsdb.Storage.Chunks;

namespace Tsdb.Benchmarks;

/// <summary>Encode/decode of one 720-slot chunk: a steady 10 s gauge (regular stride, few distinct
/// values) and a noisy dense 1 s series. Reports bytes per point in the column "EncodedBytes".</summary>
[MemoryDiagnoser]
public class StorageChunkCodecBenchmarks
{
    private SeriesChunk _chunk = null!;
    private byte[] _encoded = null!;

    [Params("steady-10s", "noisy-1s")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _chunk = new SeriesChunk(0, 1);
        var random = new Random(42);
        if (Shape == "steady-10s")
            for (int i = 0; i < 720; i += 10) _chunk.SetOffset(i, 100 + (i / 600));
        else
            for (int i = 0; i < 720; i++) _chunk.SetOffset(i, Math.Round(random.NextDouble() * 100, 2));
        _encoded = ChunkCodec.Encode(_chunk);
        Console.WriteLine($"// {Shape}: {_chunk.Count} points, {_encoded.Length} bytes, {(double)_encoded.Length / _chunk.Count:F3} bytes/point");
    }

    [Benchmark]
    public byte[] Encode() => ChunkCodec.Encode(_chunk);

    [Benchmark]
    public SeriesChunk Decode() => ChunkCodec.Decode(_encoded, 0, 1);
}
