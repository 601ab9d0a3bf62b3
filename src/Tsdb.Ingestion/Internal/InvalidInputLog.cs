using System.Text;
using Microsoft.Extensions.Logging;

namespace Tsdb.Ingestion.Internal;

/// <summary>
/// Sampled logging of rejected input for one listener: at most one log entry per interval, carrying the
/// number suppressed since the previous one. The input is shown truncated to 400 characters with "...",
/// as carbon's "invalid line received from client ..." message does (carbon <c>protocols.py</c>). Thread-safe.
/// </summary>
internal sealed class InvalidInputLog(ILogger logger, TimeProvider time, TimeSpan interval)
{
    private const int MaxShown = 400;
    private readonly Lock _gate = new();
    private long _lastLogTimestamp;
    private bool _loggedOnce;
    private int _suppressed;

    public void Report(string peer, string reason, ReadOnlySpan<byte> input)
    {
        if (!logger.IsEnabled(LogLevel.Warning)) return;
        int suppressed;
        lock (_gate)
        {
            long now = time.GetTimestamp();
            if (_loggedOnce && time.GetElapsedTime(_lastLogTimestamp, now) < interval)
            {
                _suppressed++;
                return;
            }
            _loggedOnce = true;
            _lastLogTimestamp = now;
            suppressed = _suppressed;
            _suppressed = 0;
        }
        Log.InvalidInput(logger, reason, peer, suppressed, Shown(input));
    }

    private static string Shown(ReadOnlySpan<byte> input)
    {
        string text = Encoding.UTF8.GetString(input[..Math.Min(input.Length, MaxShown * 4)]).TrimEnd('\r');
        return text.Length > MaxShown ? string.Concat(text.AsSpan(0, MaxShown), "...") : text;
    }
}
