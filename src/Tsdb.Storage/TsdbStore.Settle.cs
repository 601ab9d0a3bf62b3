using Tsdb.Storage.Internal;

namespace Tsdb.Storage;

public sealed partial class TsdbStore
{
    /// <summary>
    /// At a clean shutdown, after the final checkpoint: when at least an eighth of the chunk log's records are
    /// superseded versions or deletes, writes the live keys into a fresh store (see <see cref="ChunkStoreRewrite"/>)
    /// that replaces the old one once the files are closed. Every chunk written more than once (stored at a sweep
    /// or a checkpoint, then reloaded by a later write and stored again) otherwise stayed on disk for good: FASTER
    /// compaction frees disk by whole segment files only (256 MiB), so a smaller store never shrank. Skipped
    /// above <see cref="StorageOptions.ChunkRewriteMaxKeys"/> live keys, which bounds the time it adds to
    /// shutdown. A store with the legacy key hashing is rewritten whatever it has superseded: the copy gets the
    /// current hashing (see <see cref="ChunkKeyHashing"/>). Skipped when the disk has no room for the copy; a
    /// failed rewrite (its own writes failing, as on a disk that fills meanwhile) is dropped and the old store stays
    /// (it is complete).
    /// Checkpoint gate and write gate held.
    /// </summary>
    /// <returns>Whether a complete rewrite waits for <see cref="ChunkStoreRewrite.Install"/>.</returns>
    private async Task<bool> RewriteSupersededChunksAsync()
    {
        long records = _chunks.RecordCount;
        long live = 1;
        foreach (var series in _byId)
        {
            live++;
            foreach (var archive in series.Archives) live += archive.StoredWindows.Length;
        }
        bool migrate = _chunks.KeyHashing != ChunkStore.NewStoreHashing(_options);
        if ((records - live < records / 8 && !migrate) || live > _options.ChunkRewriteMaxKeys) return false;
        string directory = ChunkDirectory;
        if (RewriteSpaceShortfall(directory) is { } space)
        {
            StorageLog.ChunkRewriteSkippedForSpace(_logger, space.NeededMb, space.FreeMb);
            return false;
        }
        string building = ChunkStoreRewrite.Building(directory);
        try
        {
            if (Directory.Exists(building)) Directory.Delete(building, recursive: true);
            await _chunks.CopyToAsync(building, LiveChunkKeys(), live, _options).ConfigureAwait(false);
            Directory.Move(building, ChunkStoreRewrite.Complete(directory));
            StorageLog.ChunksRewritten(_logger, records, live);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            StorageLog.ChunkRewriteFailed(_logger, e);
            try { if (Directory.Exists(building)) Directory.Delete(building, recursive: true); }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            return false;
        }
    }

    private string ChunkDirectory => Path.Combine(_options.DataDirectory, "chunks");

    /// <summary>Null when the disk has room for a copy as large as the store now is (an upper bound: the copy holds
    /// only the live records) plus <see cref="StorageOptions.ChunkRewriteHeadroomBytes"/>; else what is needed and
    /// what is free (MB). A disk that cannot be asked counts as short.</summary>
    private (long NeededMb, long FreeMb)? RewriteSpaceShortfall(string directory)
    {
        long needed = _options.ChunkRewriteHeadroomBytes, free = 0;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)) needed += file.Length;
            free = new DriveInfo(directory).AvailableFreeSpace;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Unknown: short.
        }
        return free >= needed ? null : (needed >> 20, free >> 20);
    }

    /// <summary>Every key a read or a later open can ask for: the meta record, each series' catalog record and
    /// its stored windows (after the final checkpoint every open chunk is stored).</summary>
    private IEnumerable<long> LiveChunkKeys()
    {
        yield return ChunkKey.Meta;
        foreach (var series in _byId)
        {
            yield return ChunkKey.Catalog(series.Id);
            for (int a = 0; a < series.Archives.Length; a++)
            {
                var archive = series.Archives[a];
                for (int i = 0; i < archive.StoredWindows.Length; i++)
                    yield return ChunkKey.Chunk(series.Id, a, archive.StoredWindows[i]);
            }
        }
    }
}
