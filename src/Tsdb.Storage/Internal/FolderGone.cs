namespace Tsdb.Storage.Internal;

/// <summary>The likeliest cause of a failed write or read-back, when it is the one: the files' folder was removed
/// (an operator's `rm -rf`, a volume that went away). Appended to failure messages, so /health and the log say so
/// whichever part of storage noticed first.</summary>
internal static class FolderGone
{
    /// <summary>"; the folder F is gone" when <paramref name="folder"/> does not exist, else "".</summary>
    public static string Hint(string? folder) => folder is not null && !Directory.Exists(folder) ? $"; the folder {folder} is gone" : "";
}
