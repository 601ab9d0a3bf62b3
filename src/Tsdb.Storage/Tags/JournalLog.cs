using Microsoft.Extensions.Logging;

namespace Tsdb.Storage.Tags;

/// <summary>Log messages of the tag and event journals; event ids 3080-3089.</summary>
internal static partial class JournalLog
{
    [LoggerMessage(3080, LogLevel.Error, "Journal {Directory} could not be recovered; moved to {MovedTo}, starting empty")]
    public static partial void Unrecoverable(ILogger logger, Exception e, string directory, string movedTo);

    [LoggerMessage(3081, LogLevel.Warning, "Journal {Directory}: replay stopped after {Entries} entries: {Reason}; the rest is discarded")]
    public static partial void TailDiscarded(ILogger logger, string directory, int entries, string reason);

    [LoggerMessage(3082, LogLevel.Information, "Journal {Directory}: {Entries} entries replayed")]
    public static partial void Replayed(ILogger logger, string directory, int entries);

    [LoggerMessage(3083, LogLevel.Error, "Journal {Directory}: an append could not be made durable and was refused: {Reason}")]
    public static partial void AppendFailed(ILogger logger, string directory, string reason);

    [LoggerMessage(3084, LogLevel.Information, "Journal {Directory} reopened after a failed append")]
    public static partial void Reopened(ILogger logger, string directory);
}
