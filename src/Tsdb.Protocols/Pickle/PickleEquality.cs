using System.Numerics;

namespace Tsdb.Protocols.Pickle;

/// <summary>
/// Python hashability and equality for the restricted value set (dict keys, set items), as an equality
/// comparer so dicts and sets are hashed (a frame with many keys costs linear, not quadratic, time).
/// Tuples nest; past <see cref="MaxDepth"/> levels the frame is rejected, as CPython's hash() of such a
/// tuple fails with RecursionError, so a hostile frame cannot exhaust the stack.
/// </summary>
internal sealed class PickleEquality : IEqualityComparer<object?>
{
    public const int MaxDepth = 200;

    public static readonly PickleEquality Instance = new();

    /// <summary>Lists, dicts, sets and bytearrays are unhashable; using one as a key is a TypeError in Python.</summary>
    public static bool IsHashable(object? value, int depth = 0) => value switch
    {
        List<object?> or PickleDict => false,
        PickleSet => true,
        object?[] tuple => CheckDepth(depth) && Array.TrueForAll(tuple, item => IsHashable(item, depth + 1)),
        _ => true,
    };

    // Python: 1 == 1.0 == True.
    public static bool AreEqual(object? a, object? b, int depth = 0)
    {
        if (a is null || b is null) return a is null && b is null;
        if (TryNumber(a, out double x) && TryNumber(b, out double y)) return x == y;
        return (a, b) switch
        {
            (string s, string t) => s == t,
            (byte[] s, byte[] t) => s.AsSpan().SequenceEqual(t),
            (object?[] s, object?[] t) => CheckDepth(depth) && s.Length == t.Length
                && s.Zip(t).All(p => AreEqual(p.First, p.Second, depth + 1)),
            _ => ReferenceEquals(a, b),
        };
    }

    bool IEqualityComparer<object?>.Equals(object? a, object? b) => AreEqual(a, b);

    /// <summary>Consistent with <see cref="AreEqual"/>: equal numbers hash by their double value.</summary>
    public int GetHashCode(object? value) => Hash(value, 0);

    private static int Hash(object? value, int depth)
    {
        if (value is null) return 0;
        if (TryNumber(value, out double number)) return number.GetHashCode();
        switch (value)
        {
            case string s: return s.GetHashCode(StringComparison.Ordinal);
            case byte[] bytes:
            {
                var hash = new HashCode();
                hash.AddBytes(bytes);
                return hash.ToHashCode();
            }
            case object?[] tuple:
            {
                CheckDepth(depth);
                var hash = new HashCode();
                foreach (object? item in tuple) hash.Add(Hash(item, depth + 1));
                return hash.ToHashCode();
            }
            default: return System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(value);
        }
    }

    private static bool CheckDepth(int depth) =>
        depth < MaxDepth ? true : throw new PickleRejectedException($"tuple nested deeper than {MaxDepth} levels");

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
