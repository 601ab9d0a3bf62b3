using System.Diagnostics;

namespace Tsdb.LoadGen;

/// <summary>Shared time base of one run: wall-clock seconds for collectl mode, pacing for --rate.</summary>
internal sealed class LoadClock
{
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly long _firstSecond;

    public LoadClock(long firstSecond) => _firstSecond = firstSecond;

    public TimeSpan Elapsed => _elapsed.Elapsed;

    /// <summary>Waits until wall-clock second firstSecond + round has begun and returns it (collectl's tick).</summary>
    public async Task<long> WaitForSecondAsync(long round, CancellationToken stop)
    {
        long second = _firstSecond + round;
        var due = DateTimeOffset.FromUnixTimeSeconds(second) - DateTimeOffset.UtcNow;
        if (due > TimeSpan.Zero) await Task.Delay(due, stop).ConfigureAwait(false);
        return second;
    }

    /// <summary>Delays while <paramref name="sent"/> points are ahead of <paramref name="ratePerSecond"/>.</summary>
    public async Task PaceAsync(long sent, double ratePerSecond, CancellationToken stop)
    {
        var due = TimeSpan.FromSeconds(sent / ratePerSecond) - _elapsed.Elapsed;
        if (due > TimeSpan.FromMilliseconds(1)) await Task.Delay(due, stop).ConfigureAwait(false);
    }
}
