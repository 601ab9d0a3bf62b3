using System.Numerics;

namespace Tsdb.Protocols.Pickle;

/// <summary>Python hashability and equality for the restricted value set (dict keys, set items).</summary>
internal static class PickleEquality
{
    /// <summary>Lists, dicts, sets and bytearrays are unhashable; using one as a key is a TypeError in Python.</summary>
    public static bool IsHashable(object? value) => value switch
    {
        List<object?> or PickleDict => false,
        PickleSet => true,
        object?[] tuple => Array.TrueForAll(tuple, IsHashable),
        _ => true,
    };

    // Python: 1 == 1.0 == True. Linear scans keep this simple; pickle dicts in carbon payloads are tiny.
    public static bool AreEqual(object? a, object? b)
    {
        if (a is null || b is null) return a is null && b is null;
        if (TryNumber(a, out double x) && TryNumber(b, out double y)) return x == y;
        return (a, b) switch
        {
            (string s, string t) => s == t,
            (byte[] s, byte[] t) => s.AsSpan().SequenceEqual(t),
            (object?[] s, object?[] t) => s.Length == t.Length && s.Zip(t).All(p => AreEqual(p.First, p.Second)),
            _ => ReferenceEquals(a, b),
        };
    }

    private static bool TryNumber(object value, out double number)
    {
        switch (value)
        {
            case long l: number = l; return true;
            case double d: number = d; return true;
            case bool b: number = b ? 1 : 0; return true;
            case BigInteger big: number = (double)big; return true;
            default: number = 0; return false;
        }
    }
}
