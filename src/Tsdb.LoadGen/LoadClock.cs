using System.Diagnostics;

namespace Tsdb.LoadGen;

/// <summary>Shared time base of one run: wall-clock seconds for collectl mode, pacing for --rate.</summary>
internal sealed class LoadClock
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly long _firstSecond;
    private readonly Dictionary<long, Task> _ticks = [];

    public LoadClock(long firstSecond) => _firstSecond = firstSecond;

    public TimeSpan Elapsed => _elapsed.Elapsed;

    /// <summary>Waits until wall-clock second firstSecond + round has begun and returns it (collectl's tick). Every
    /// connection waits on one timer per second (<see cref="Tick"/>): ten thousand nodes had ten thousand timers
    /// of their own.</summary>
    public async Task<long> WaitForSecondAsync(long round, CancellationToken stop)
    {
        long second = _firstSecond + round;
        if (DateTimeOffset.UtcNow < DateTimeOffset.FromUnixTimeSeconds(second)) await Tick(second).WaitAsync(stop).ConfigureAwait(false);
        return second;
    }

    /// <summary>The task that completes when <paramref name="second"/> begins; its waiters continue on the thread
    /// pool, not one after another on the timer's thread.</summary>
    private Task Tick(long second)
    {
        lock (_ticks)
        {
            if (_ticks.TryGetValue(second, out var tick)) return tick;
            var due = DateTimeOffset.FromUnixTimeSeconds(second) - DateTimeOffset.UtcNow;
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (due > TimeSpan.Zero) _ = Task.Delay(due).ContinueWith(_ => started.TrySetResult(), TaskScheduler.Default);
            else started.TrySetResult();
            foreach (long passed in _ticks.Keys.Where(k => k < second - 1).ToList()) _ticks.Remove(passed);
            _ticks[second] = started.Task;
            return started.Task;
        }
    }

    /// <summary>Delays while <paramref name="sent"/> points are ahead of <paramref name="ratePerSecond"/>.</summary>
    public async Task PaceAsync(long sent, double ratePerSecond, CancellationToken stop)
    {
        var due = TimeSpan.FromSeconds(sent / ratePerSecond) - _elapsed.Elapsed;
        if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due, stop).ConfigureAwait(false);
    }
}
