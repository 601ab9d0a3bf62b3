using System.Text.Json;
using TsdbServer.Tests.Support;

namespace TsdbServer.Tests.Reliability;

/// <summary>
/// Follows /health while one sequenced sender is the only writer, and tracks the durable watermark: the
/// number of points of this server life that the WAL's last commit covers. A snapshot (pointsWritten W,
/// walTailAddress T) says the first W − W0 points of the life were appended below T; once a later
/// snapshot shows walCommittedAddress ≥ T they survive kill -9.
/// </summary>
public sealed class DurabilityProbe(ServerProcess server, long pointsWrittenAtStart) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(long Applied, long Tail)> _pending = [];
    private readonly TaskCompletionSource _firstDurable = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    /// <summary>Points of this life the last observed WAL commit covers.</summary>
    public long Durable { get; private set; }

    /// <summary>Points of this life storage had applied at the last snapshot.</summary>
    public long Applied { get; private set; }

    /// <summary>Completes once some points of this life are known durable.</summary>
    public Task FirstDurable => _firstDurable.Task;

    public void Start() => _loop = Task.Run(LoopAsync);

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var doc = JsonDocument.Parse(await server.Http.GetStringAsync("/health", _stop.Token));
                var root = doc.RootElement;
                long applied = root.GetProperty("pointsWritten").GetInt64() - pointsWrittenAtStart;
                long tail = root.GetProperty("walTailAddress").GetInt64();
                long committed = root.GetProperty("walCommittedAddress").GetInt64();
                Applied = applied;
                _pending.Add((applied, tail));
                int covered = _pending.FindLastIndex(p => p.Tail <= committed);
                if (covered >= 0)
                {
                    Durable = Math.Max(Durable, _pending[covered].Applied);
                    _pending.RemoveRange(0, covered + 1);
                    if (Durable > 0) _firstDurable.TrySetResult();
                }
                // Sampling period of the watermark, not a wait for a condition.
                await Task.Delay(25, _stop.Token);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                return; // killed, or stopped by the test
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
