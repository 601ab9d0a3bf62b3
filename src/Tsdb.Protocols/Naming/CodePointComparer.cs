namespace Tsdb.Protocols.Naming;

/// <summary>
/// Orders strings by Unicode code point, as Python's <c>sorted()</c> does for <c>str</c>. Plain ordinal
/// UTF-16 comparison differs only when a surrogate pair meets a character in U+E000..U+FFFF.
/// </summary>
public sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        int common = Math.Min(x.Length, y.Length);
        for (int i = 0; i < common; i++)
        {
            char a = x[i], b = y[i];
            if (a != b) return FixUp(a) - FixUp(b);
        }
        return x.Length - y.Length;
    }

    // Moves surrogates (D800..DFFF) above E000..FFFF so UTF-16 units compare in code point order.
    private static int FixUp(char c) => c < 0xD800 ? c : c >= 0xE000 ? c - 0x800 : c + 0x2000;
}
