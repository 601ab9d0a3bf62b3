namespace Tsdb.Storage.Internal;

/// <summary>
/// Keys of the chunk store (one FasterKV&lt;long, byte[]&gt;):
/// chunk = seriesId &lt;&lt; 32 | archive &lt;&lt; 28 | window index (window start / chunk window, &lt; 2^28);
/// catalog record of a series = -1 - seriesId; the store's meta record = long.MinValue.
/// </summary>
internal static class ChunkKey
{
    public const long Meta = long.MinValue;
    public const long MaxWindowIndex = (1L << 28) - 1;

    public static long Chunk(int seriesId, int archive, long windowIndex) =>
        ((long)seriesId << 32) | ((long)archive << 28) | windowIndex;

    public static long Catalog(int seriesId) => -1L - seriesId;
}
