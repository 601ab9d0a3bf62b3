using BenchmarkDotNet.Attributes;
using Tsdb.Storage.Chunks;

namespace Tsdb.Benchmarks;

/// <summary>Encode/decode of one 720-slot chunk: a steady 10 s gauge (regular stride, few distinct
/// values), a noisy dense 1 s series of hundredths and a collectl-like 1 s integer counter. Decode builds a
/// chunk (the write path's read-modify-write); DecodeInto writes into a fetch's slots (the read path).
/// Prints bytes per point at setup.</summary>
[MemoryDiagnoser]
public class StorageChunkCodecBenchmarks
{
    private SeriesChunk _chunk = null!;
    private byte[] _encoded = null!;
    private readonly double[] _slots = new double[720];

    [Params("steady-10s", "noisy-1s", "collectl-int-1s")]
    public string Shape { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _chunk = new SeriesChunk(0, 1);
        var random = new Random(42);
        if (Shape == "steady-10s")
            for (int i = 0; i < 720; i += 10) _chunk.SetOffset(i, 100 + (i / 600));
        else if (Shape == "noisy-1s")
            for (int i = 0; i < 720; i++) _chunk.SetOffset(i, Math.Round(random.NextDouble() * 100, 2));
        else
            for (int i = 0, v = 4096; i < 720; i++) _chunk.SetOffset(i, v += random.Next(3) == 0 ? 0 : random.Next(-300, 300));
        _encoded = ChunkCodec.Encode(_chunk);
        Console.WriteLine($"// {Shape}: {_chunk.Count} points, {_encoded.Length} bytes, {(double)_encoded.Length / _chunk.Count:F3} bytes/point");
    }

    [GlobalCleanup]
    public void Cleanup() => _chunk.Dispose();

    [Benchmark]
    public byte[] Encode() => ChunkCodec.Encode(_chunk);

    /// <summary>Returns the count: the chunk's values are native memory, freed here.</summary>
    [Benchmark]
    public int Decode()
    {
        using var chunk = ChunkCodec.Decode(_encoded, 0, 1);
        return chunk.Count;
    }

    [Benchmark]
    public double[] DecodeInto()
    {
        ChunkCodec.DecodeInto(_encoded, 0, 1, 720, 0, _slots);
        return _slots;
    }
}
