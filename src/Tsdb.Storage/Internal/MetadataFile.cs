using FASTER.core;

namespace Tsdb.Storage.Internal;

/// <summary>
/// Reads back a metadata file FASTER wrote through its default naming (a FasterLog commit, a checkpoint's
/// <c>info.dat</c>): the file of <see cref="FileDescriptor"/> in the base folder, with the segment suffix its device
/// adds, holding the metadata's length and then its bytes (padded to whole sectors). Plain synchronous file I/O:
/// FASTER's own read completes through the thread pool, which a fleet of connections keeps busy, and these reads
/// run on the WAL's I/O thread or under the store's write gate.
/// </summary>
internal static class MetadataFile
{
    /// <summary>The metadata bytes, or null when the file is missing or shorter than its length says.</summary>
    public static byte[]? Read(string baseDirectory, FileDescriptor file)
    {
        string path = Path.Combine(baseDirectory, file.directoryName, file.fileName + ".0");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
            using var reader = new BinaryReader(stream);
            int length = reader.ReadInt32();
            if (length < 0 || length > stream.Length - sizeof(int)) return null;
            return reader.ReadBytes(length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
