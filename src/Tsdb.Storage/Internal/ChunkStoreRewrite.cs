namespace Tsdb.Storage.Internal;

/// <summary>
/// The folders of a chunk store rewrite (siblings of the store's folder D): D.rewriting while the copy of the
/// live keys is built (incomplete: deleted), D.rewritten once it is checkpointed and closed (complete),
/// D.superseded while the old store is swapped out. Each step is the rename of a whole folder, so at every
/// moment one complete store exists, and <see cref="Install"/> (run when the rewrite ends and before every
/// open) finishes an interrupted swap or drops an interrupted copy.
/// </summary>
internal static class ChunkStoreRewrite
{
    public static string Building(string directory) => directory + ".rewriting";

    public static string Complete(string directory) => directory + ".rewritten";

    private static string Superseded(string directory) => directory + ".superseded";

    /// <summary>Puts a complete rewrite in place of <paramref name="directory"/> (which must not be open) and
    /// deletes the leftovers of an interrupted one.</summary>
    public static void Install(string directory)
    {
        string building = Building(directory), complete = Complete(directory), superseded = Superseded(directory);
        if (Directory.Exists(building)) Directory.Delete(building, recursive: true);
        if (Directory.Exists(complete))
        {
            if (Directory.Exists(directory))
            {
                // A superseded folder next to a complete rewrite and a current store is older than both.
                if (Directory.Exists(superseded)) Directory.Delete(superseded, recursive: true);
                Directory.Move(directory, superseded);
            }
            Directory.Move(complete, directory);
        }
        if (!Directory.Exists(superseded)) return;
        if (Directory.Exists(directory)) Directory.Delete(superseded, recursive: true);
        else Directory.Move(superseded, directory);
    }
}
