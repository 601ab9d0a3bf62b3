namespace Tsdb.Storage;

/// <summary>The store has failed (see <see cref="StorageFault"/>) and writes nothing more.</summary>
public sealed class StorageFailedException(string reason)
    : IOException($"Storage failed and writes nothing more until the server is restarted: {reason}");
