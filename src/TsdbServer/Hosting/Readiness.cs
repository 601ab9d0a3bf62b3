namespace TsdbServer.Hosting;

/// <summary>
/// Whether every enabled listener is up; /health answers 200 only then. Set once by
/// <see cref="IngestionHostedService"/> after all listeners have bound, cleared when they stop.
/// </summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    /// <summary>Human-readable listener list for /health ("plaintext tcp 0.0.0.0:2003", ...).</summary>
    public IReadOnlyList<string> Listeners { get; private set; } = [];

    public void MarkReady(IReadOnlyList<string> listeners)
    {
        Listeners = listeners;
        _ready = true;
    }

    public void MarkStopping() => _ready = false;
}
