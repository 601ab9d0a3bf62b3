using System.Security.Cryptography;
using System.Text;

namespace Tsdb.Storage.Internal;

/// <summary>
/// Where carbon puts a tagged series (canonical name containing ';') with TAG_HASH_FILENAMES=True
/// (carbon util.py TaggedSeries.encode): _tagged/h[0:3]/h[3:6]/h.wsp, h = hex SHA-256 of the canonical
/// name; graphite-web's finder sees it as the dotted path _tagged.h[0:3].h[3:6].h.
/// </summary>
internal static class TaggedPath
{
    public const string Prefix = "_tagged.";

    public static bool IsTagged(string name) => name.Contains(';');

    public static string For(string canonicalName)
    {
        string h = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalName)));
        return $"_tagged.{h[..3]}.{h[3..6]}.{h}";
    }
}
