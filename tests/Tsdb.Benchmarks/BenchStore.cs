using Microsoft.Extensions.Logging.Abstractions;
using Tsdb.Storage;

namespace Tsdb.Benchmarks;

/// <summary>A store on real FASTER files in a fresh temp folder, with a clock the benchmark advances; default
/// schema, no timed checkpoint during a run. Disposing closes the store and deletes the folder.</summary>
internal sealed class BenchStore : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsdb-bench-" + Guid.NewGuid().ToString("N"));
    private readonly FixedTime _time;

    public BenchStore(long now, TimeSpan? rollupInterval = null)
    {
        _time = new FixedTime(now);
        var options = new StorageOptions
        {
            DataDirectory = _directory,
            CheckpointInterval = TimeSpan.FromHours(1),
        };
        if (rollupInterval is { } interval) options.RollupInterval = interval;
        Store = TsdbStore.Open(options, _time, NullLoggerFactory.Instance);
    }

    public TsdbStore Store { get; }

    /// <summary>The store's "now", unix seconds.</summary>
    public long Now { get => _time.Now; set => _time.Now = value; }

    public void Dispose()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    private sealed class FixedTime(long now) : TimeProvider
    {
        public long Now = now;
        public override DateTimeOffset GetUtcNow() => DateTimeOffset.FromUnixTimeSeconds(Now);
    }
}
