using Tsdb.Core;

namespace Tsdb.Ingestion.Tests;

/// <summary>An IPointStore that records every point and signals when a given count has arrived.</summary>
internal sealed class CapturingPointStore : IPointStore
{
    private readonly Lock _gate = new();
    private readonly List<(string Name, long Timestamp, double Value)> _points = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];

    public IReadOnlyList<(string Name, long Timestamp, double Value)> Points
    {
        get { lock (_gate) return _points.ToList(); }
    }

    public void Write(PointBatch batch)
    {
        lock (_gate)
        {
            for (int i = 0; i < batch.Count; i++) _points.Add((batch.Names[i], batch.Timestamps[i], batch.Values[i]));
            foreach (var (count, signal) in _waiters.Where(w => _points.Count >= w.Count)) signal.TrySetResult();
        }
    }

    /// <summary>Completes once at least <paramref name="count"/> points were written; fails after 10 s.</summary>
    public Task WaitForAsync(int count)
    {
        lock (_gate)
        {
            if (_points.Count >= count) return Task.CompletedTask;
            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
