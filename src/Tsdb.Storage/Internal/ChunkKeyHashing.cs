namespace Tsdb.Storage.Internal;

/// <summary>
/// Which hash a chunk store's FASTER index was built with (<see cref="ChunkKeyComparer"/>), recorded in the store's
/// folder as the file <c>key-hashing</c>: absent = <see cref="Legacy"/> (every store written before the marker
/// existed), <c>mix64</c> = <see cref="Mixed"/>. The marker is written when a store is created, before its first
/// checkpoint, and never changes afterwards: a store changes hashing only by being rewritten into a new folder
/// (<see cref="ChunkStoreRewrite"/>).
/// </summary>
internal enum ChunkKeyHashing
{
    Legacy,
    Mixed,
}

internal static class ChunkKeyHashingMarker
{
    private const string FileName = "key-hashing";
    private const string MixedText = "mix64";

    /// <summary>The hashing of the existing store in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">A marker this version does not know (written by a newer one):
    /// opening with a wrong hash would find none of the keys, so the store is not opened.</exception>
    public static ChunkKeyHashing Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) return ChunkKeyHashing.Legacy;
        string text = File.ReadAllText(path).Trim();
        return text == MixedText
            ? ChunkKeyHashing.Mixed
            : throw new InvalidDataException($"{path}: unknown key hashing '{text}' (written by a newer version?)");
    }

    /// <summary>Records the hashing of a store being created in <paramref name="directory"/> (replacing the marker
    /// of an earlier store there that never took a checkpoint), flushed to the device before the store's first
    /// checkpoint can exist.</summary>
    public static void Write(string directory, ChunkKeyHashing hashing)
    {
        string path = Path.Combine(directory, FileName);
        if (hashing == ChunkKeyHashing.Legacy)
        {
            File.Delete(path);
            return;
        }
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write);
        file.Write(System.Text.Encoding.ASCII.GetBytes(MixedText + "\n"));
        file.Flush(flushToDisk: true);
    }
}
