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
    /// current hashing (see <see cref="ChunkKeyHashing"/>). A failed rewrite is dropped and the old store stays (it
    /// is complete).
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
