using System.Net;
using Microsoft.Extensions.Logging;

namespace Tsdb.Ingestion.Internal;

/// <summary>Ingestion log messages; event ids 1000-1099.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Information, "{Listener} listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, string listener, EndPoint endPoint);

    [LoggerMessage(1001, LogLevel.Information, "{Listener} stopped")]
    public static partial void Stopped(ILogger logger, string listener);

    [LoggerMessage(1002, LogLevel.Warning, "{Reason} from {Peer}, ignoring ({Suppressed} more suppressed since the last report): [{Input}]")]
    public static partial void InvalidInput(ILogger logger, string reason, string peer, int suppressed, string input);

    [LoggerMessage(1010, LogLevel.Information, "{Listener} stopped: drained {Connections} connections ({Bytes} bytes were still queued in the kernel)")]
    public static partial void StoppedDraining(ILogger logger, string listener, int connections, long bytes);

    [LoggerMessage(1003, LogLevel.Warning, "Closing connection from {Peer}: {Reason}")]
    public static partial void ClosingConnection(ILogger logger, string peer, string reason);

    [LoggerMessage(1004, LogLevel.Warning, "{Listener} paused accepting: {Open} connections open (MaxConnections {Max}; {Budget} for all listeners within the open-file limit); further senders wait in the accept queue")]
    public static partial void PausingAccept(ILogger logger, string listener, int open, int max, int budget);

    [LoggerMessage(1014, LogLevel.Information, "{Listener} resumed accepting: {Open} connections open")]
    public static partial void ResumingAccept(ILogger logger, string listener, int open);

    [LoggerMessage(1015, LogLevel.Error, "{Listener} cannot accept ({Error}, {Open} connections open); retrying every {DelayMs} ms at most until it can")]
    public static partial void AcceptStalled(ILogger logger, string listener, string error, int open, int delayMs);

    [LoggerMessage(1016, LogLevel.Information, "{Listener} accepts again after {Failures} failed accepts")]
    public static partial void AcceptRecovered(ILogger logger, string listener, long failures);

    [LoggerMessage(1005, LogLevel.Debug, "Connection from {Peer} ended with an error")]
    public static partial void ConnectionFailed(ILogger logger, string peer, Exception exception);

    [LoggerMessage(1007, LogLevel.Error, "Storage failed to write a batch of {Count} points")]
    public static partial void StoreWriteFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(1009, LogLevel.Warning, "Refusing connection from {Peer}: not in AllowedNetworks")]
    public static partial void RefusingByAddress(ILogger logger, string peer);

    [LoggerMessage(1008, LogLevel.Information, "Storage writer drained the channel: {Batches} batches written")]
    public static partial void WriterDrained(ILogger logger, long batches);

    [LoggerMessage(1011, LogLevel.Information, "{List} {Path}: {Count} patterns")]
    public static partial void NameListRead(ILogger logger, string list, string path, int count);

    [LoggerMessage(1012, LogLevel.Warning, "{List} {Path}: ignoring the pattern '{Pattern}' ({Error})")]
    public static partial void NameListPatternInvalid(ILogger logger, string list, string path, string pattern, string error);

    [LoggerMessage(1013, LogLevel.Warning, "{List} pattern '{Pattern}' timed out on the name '{Name}'; counted as not matching")]
    public static partial void NameListPatternTimedOut(ILogger logger, string list, string pattern, string name);
}
