using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Core;

namespace Tsdb.Storage.Tests;

/// <summary>A store in a temp folder with tiny FASTER buffers (so pages really go to disk), a manual
/// clock, and helpers to write and to reopen. Deletes the folder on dispose.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    public StoreFixture(long now, string? schemas = null, string? aggregation = null, Action<StorageOptions>? configure = null)
    {
        Directory = Path.Combine(Path.GetTempPath(), "tsdb-storage-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Time = new ManualTime(now);
        Options = new StorageOptions
        {
            DataDirectory = Path.Combine(Directory, "data"),
            WalCommitInterval = TimeSpan.FromHours(1),
            CheckpointInterval = TimeSpan.FromHours(1),
            WalPageSizeBits = 12,
            WalMemorySizeBits = 14,
            WalSegmentSizeBits = 16,
            ChunkPageSizeBits = 10,
            ChunkMemorySizeBits = 12,
            ChunkSegmentSizeBits = 16,
            ChunkIndexSizeBytes = 1 << 12,
        };
        if (schemas is not null)
        {
            Options.SchemasFile = Path.Combine(Directory, "storage-schemas.conf");
            File.WriteAllText(Options.SchemasFile, schemas);
        }
        if (aggregation is not null)
        {
            Options.AggregationFile = Path.Combine(Directory, "storage-aggregation.conf");
            File.WriteAllText(Options.AggregationFile, aggregation);
        }
        configure?.Invoke(Options);
        Store = TsdbStore.Open(Options, Time, NullLoggerFactory.Instance);
    }

    public string Directory { get; }
    public ManualTime Time { get; }
    public StorageOptions Options { get; }
    public TsdbStore Store { get; private set; }

    public void Write(params (string Name, long Timestamp, double Value)[] points)
    {
        var batch = new PointBatch(4) { ArrivalTime = Time.Now };
        foreach (var (n, t, v) in points) batch.Add(n, t, v);
        Store.Write(batch);
    }

    /// <summary>Clean restart: DisposeAsync, then open on the same folder.</summary>
    public async Task RestartAsync()
    {
        await Store.DisposeAsync();
        Store = TsdbStore.Open(Options, Time, NullLoggerFactory.Instance);
    }

    /// <summary>Simulated kill -9 after a WAL commit: no chunk flush, no checkpoint.</summary>
    public async Task CrashAndReopenAsync()
    {
        await Store.AbandonAfterWalCommitAsync();
        Store = TsdbStore.Open(Options, Time, NullLoggerFactory.Instance);
    }

    /// <summary>Opens a new store on the folder (after the test closed or abandoned the previous one).</summary>
    public Task ReopenAsync()
    {
        Store = TsdbStore.Open(Options, Time, NullLoggerFactory.Instance);
        return Task.CompletedTask;
    }

    public double[] Fetch(string name, long from, long until, out long start, out long step)
    {
        var r = Store.Fetch(name, from, until, Time.Now) ?? throw new Xunit.Sdk.XunitException($"no data for {name}");
        start = r.Start;
        step = r.Step;
        return r.Values;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
