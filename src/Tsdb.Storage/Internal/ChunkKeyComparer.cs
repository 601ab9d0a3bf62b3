using FASTER.core;

namespace Tsdb.Storage.Internal;

/// <summary>
/// The hash FASTER's index uses for chunk-store keys (see <see cref="ChunkKeyHashing"/>), chosen once per store:
/// a stored index is only valid with the hash that built it.
/// </summary>
internal static class ChunkKeyComparer
{
    /// <summary>FASTER's default for long keys: a multiply-add over the key's four 16-bit parts. Our keys differ
    /// mostly in a few low bits of the window index and of the series id, which it spreads unevenly over the
    /// buckets (about 5,400 overflow buckets in the e2e run whatever the table size). Stores without a format
    /// marker were built with it.</summary>
    public static readonly IFasterEqualityComparer<long> Legacy = new LongFasterEqualityComparer();

    /// <summary><see cref="MixedComparer"/>, for stores marked <see cref="ChunkKeyHashing.Mixed"/>.</summary>
    public static readonly IFasterEqualityComparer<long> Mixed = new MixedComparer();

    public static IFasterEqualityComparer<long> For(ChunkKeyHashing hashing) =>
        hashing == ChunkKeyHashing.Mixed ? Mixed : Legacy;

    /// <summary>
    /// Every bit of the key influences every bit of the hash: FASTER takes the bucket from the hash's low bits and
    /// the 14-bit tag that tells keys of one bucket apart from its high bits, so both must vary with the series id
    /// and the window index alike. Two xor-shift-multiply rounds (the finaliser of the SplitMix64 generator) are a
    /// bijection on 64 bits, so distinct keys never share a full hash.
    /// </summary>
    private sealed class MixedComparer : IFasterEqualityComparer<long>
    {
        public bool Equals(ref long k1, ref long k2) => k1 == k2;

        public long GetHashCode64(ref long k) => (long)Mix((ulong)k);
    }

    /// <summary>The mixing function of <see cref="MixedComparer"/>; it defines the on-disk format of a
    /// <see cref="ChunkKeyHashing.Mixed"/> index, so it must never change.</summary>
    internal static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
