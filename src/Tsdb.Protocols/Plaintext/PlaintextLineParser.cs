using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Unicode;
using Tsdb.Protocols.Naming;

namespace Tsdb.Protocols.Plaintext;

/// <summary>
/// carbon's plaintext grammar (carbon <c>lib/carbon/protocols.py</c>, <c>MetricLineReceiver.lineReceived</c>):
/// UTF-8 decode, <c>strip()</c>, <c>split()</c> on whitespace runs, exactly three fields
/// <c>path value timestamp</c>, both numbers through Python's <c>float()</c>; then
/// <see cref="CarbonPointRules"/> and the name's canonical form from the shared <see cref="MetricNameInterner"/>.
/// One instance per connection (it owns a scratch buffer and a <see cref="NameSequenceCache"/>; not
/// thread-safe). Allocates nothing for a name seen before.
/// <para>Fast paths, each bit-identical to <see cref="ReferencePlaintextLineParser"/> (the differential tests
/// check it): a pure-ASCII line is split on its raw bytes (the ASCII members of Python's whitespace set);
/// a plain decimal number (<c>[+-]digits[.digits]</c>, exact mantissa, at most 22 fraction digits) is one exact
/// division, which IEEE 754 rounds correctly, so it equals the correctly rounded parse; a name equal to the one
/// that followed the previous name last time skips the interner, and a line that starts with that name followed
/// by two plain decimals skips the ASCII check and the field search too. Everything else takes the general code.</para>
/// </summary>
public sealed class PlaintextLineParser
{
    private const int StackChars = 512;
    private const int NumberStackChars = 64;

    // Python's str.isspace() restricted to ASCII: \t \n \v \f \r, U+001C..U+001F and ' '.
    private const ulong AsciiSpaceMask = 0x1_F000_3E00UL;
    private static readonly SearchValues<byte> AsciiSpaces = SearchValues.Create([9, 10, 11, 12, 13, 28, 29, 30, 31, 32]);

    // Every power of ten up to 1e22 is exactly representable as a double.
    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const ulong MaxExactMantissa = 1UL << 53;

    private readonly NameSequenceCache _nameCache;
    private char[]? _scratch;

    public PlaintextLineParser(MetricNameInterner names) : this(names, NameSequenceCache.DefaultCapacity)
    {
    }

    /// <param name="names">The shared interner.</param>
    /// <param name="predictedNames">Most names this connection remembers for name prediction (0 disables it).</param>
    internal PlaintextLineParser(MetricNameInterner names, int predictedNames) => _nameCache = new NameSequenceCache(names, predictedNames);

    internal NameSequenceCache NameCache => _nameCache;

    /// <summary>Parses one line without its '\n' (a trailing '\r' is whitespace and stripped).</summary>
    public PointParseStatus TryParse(ReadOnlySpan<byte> line, long arrivalTime, out ParsedPoint point)
    {
        if (TryParsePredicted(line, arrivalTime, out point, out PointParseStatus status)) return status;
        return Ascii.IsValid(line) ? TryParseAscii(line, arrivalTime, out point) : TryParseUtf8(line, arrivalTime, out point);
    }

    /// <summary>Parses one already-decoded line.</summary>
    public PointParseStatus TryParse(ReadOnlySpan<char> line, long arrivalTime, out ParsedPoint point)
    {
        point = default;
        ReadOnlySpan<char> text = PythonText.Strip(line);
        Span<Range> fields = stackalloc Range[3];
        int count = 0;
        for (int i = 0; i < text.Length;)
        {
            while (i < text.Length && PythonText.IsSpace(text[i])) i++;
            if (i == text.Length) break;
            int start = i;
            while (i < text.Length && !PythonText.IsSpace(text[i])) i++;
            if (count == 3) return PointParseStatus.Malformed;
            fields[count++] = start..i;
        }
        if (count != 3
            || !TryParseFloat(text[fields[2]], out double timestamp)
            || !TryParseFloat(text[fields[1]], out double value))
        {
            return PointParseStatus.Malformed;
        }

        PointParseStatus status = CarbonPointRules.TryNormalize(timestamp, value, arrivalTime, out long epochSeconds);
        if (status != PointParseStatus.Accepted) return status;
        if (!_nameCache.TryResolve(text[fields[0]], out string name, out object? series)) return PointParseStatus.InvalidName;
        point = new ParsedPoint(name, epochSeconds, value, series);
        return PointParseStatus.Accepted;
    }

    private PointParseStatus TryParseUtf8(ReadOnlySpan<byte> line, long arrivalTime, out ParsedPoint point)
    {
        Span<char> chars = line.Length <= StackChars ? stackalloc char[StackChars] : RentScratch(line.Length);
        if (Utf8.ToUtf16(line, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            point = default;
            return PointParseStatus.Malformed;
        }
        return TryParse(chars[..written], arrivalTime, out point);
    }

    // A pure-ASCII line: UTF-8 decoding is the identity and Python's whitespace within ASCII is AsciiSpaceMask,
    // so splitting the bytes gives the same three fields as the general path.
    private PointParseStatus TryParseAscii(ReadOnlySpan<byte> line, long arrivalTime, out ParsedPoint point)
    {
        point = default;
        int pos = SkipSpaces(line, 0);
        int nameLength = line[pos..].IndexOfAny(AsciiSpaces);
        if (pos == line.Length || nameLength < 0) return PointParseStatus.Malformed;
        ReadOnlySpan<byte> name = line.Slice(pos, nameLength);

        pos = SkipSpaces(line, pos + nameLength);
        if (pos == line.Length || !TryParseField(line, ref pos, out double value)) return PointParseStatus.Malformed;
        pos = SkipSpaces(line, pos);
        if (pos == line.Length || !TryParseField(line, ref pos, out double timestamp)) return PointParseStatus.Malformed;
        if (SkipSpaces(line, pos) != line.Length) return PointParseStatus.Malformed;

        PointParseStatus status = CarbonPointRules.TryNormalize(timestamp, value, arrivalTime, out long epochSeconds);
        if (status != PointParseStatus.Accepted) return status;

        string? predicted = _nameCache.Predicted;
        string canonical;
        object? series;
        if (predicted is not null && Ascii.Equals(name, predicted)) canonical = _nameCache.AcceptPrediction(out series);
        else if (!ResolveAsciiMiss(name, out canonical, out series)) return PointParseStatus.InvalidName;
        point = new ParsedPoint(canonical, epochSeconds, value, series);
        return PointParseStatus.Accepted;
    }

    // The line of a sender that repeats its names in order: the predicted name at the very start, then two
    // plain decimals, separated and followed by ASCII whitespace. Every byte of such a line is ASCII and the
    // name field is exactly the predicted text (a predicted name holds no whitespace), so the result is the
    // one TryParseAscii would give, without the ASCII check and the search for the end of the name. False
    // (nothing decided, the name cache untouched) for any other line.
    private bool TryParsePredicted(ReadOnlySpan<byte> line, long arrivalTime, out ParsedPoint point, out PointParseStatus status)
    {
        point = default;
        status = PointParseStatus.Malformed;
        string? predicted = _nameCache.Predicted;
        if (predicted is null) return false;
        int pos = predicted.Length;
        if (line.Length <= pos || !IsAsciiSpace(line[pos]) || !Ascii.Equals(line[..pos], predicted)) return false;
        pos = SkipSpaces(line, pos + 1);
        if (!TryParsePlainDecimal(line[pos..], out double value, out int used)) return false;
        pos += used;
        if (pos == line.Length || !IsAsciiSpace(line[pos])) return false;
        pos = SkipSpaces(line, pos + 1);
        if (!TryParsePlainDecimal(line[pos..], out double timestamp, out used) || SkipSpaces(line, pos + used) != line.Length)
            return false;

        status = CarbonPointRules.TryNormalize(timestamp, value, arrivalTime, out long epochSeconds);
        if (status == PointParseStatus.Accepted)
        {
            string name = _nameCache.AcceptPrediction(out object? series);
            point = new ParsedPoint(name, epochSeconds, value, series);
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ResolveAsciiMiss(ReadOnlySpan<byte> name, out string canonical, out object? series)
    {
        Span<char> chars = name.Length <= StackChars ? stackalloc char[StackChars] : RentScratch(name.Length);
        Ascii.ToUtf16(name, chars, out int written);
        return _nameCache.ResolveMiss(chars[..written], out canonical, out series);
    }

    /// <summary>Parses the field starting at <paramref name="pos"/> (not whitespace) and moves past it.</summary>
    private bool TryParseField(ReadOnlySpan<byte> line, ref int pos, out double value)
    {
        ReadOnlySpan<byte> rest = line[pos..];
        if (TryParsePlainDecimal(rest, out value, out int used) && (used == rest.Length || IsAsciiSpace(rest[used])))
        {
            pos += used;
            return true;
        }
        int length = rest.IndexOfAny(AsciiSpaces);
        if (length < 0) length = rest.Length;
        pos += length;
        return TryParseFloatFallback(rest[..length], out value);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool TryParseFloatFallback(ReadOnlySpan<byte> field, out double value)
    {
        Span<char> chars = field.Length <= NumberStackChars ? stackalloc char[NumberStackChars] : RentScratch(field.Length);
        Ascii.ToUtf16(field, chars, out int written);
        return PythonFloat.TryParse(chars[..written], out value);
    }

    private static bool TryParseFloat(ReadOnlySpan<char> field, out double value) =>
        TryParsePlainDecimal(field, out value, out int used) && used == field.Length || PythonFloat.TryParse(field, out value);

    /// <summary>
    /// The common shape of a number, <c>[+-]digits[.digits]</c> with at least one digit, read up to the first
    /// character that does not fit it (<paramref name="used"/>). Succeeds only when the result is exact: the
    /// digits as an integer are at most 2^53 (exactly representable) and there are at most 22 fraction digits
    /// (10^22 is exact), so the one IEEE division below is correctly rounded, like Python's and .NET's parsers.
    /// Anything else (no digits, underscores, exponents, longer mantissas) fails and the caller uses
    /// <see cref="PythonFloat"/>, which also decides whether text after <paramref name="used"/> is valid.
    /// </summary>
    internal static bool TryParsePlainDecimal<T>(ReadOnlySpan<T> s, out double value, out int used)
        where T : unmanaged, IBinaryInteger<T>
    {
        value = 0;
        used = 0;
        int i = 0;
        bool negative = false;
        if (s.Length != 0 && (uint.CreateTruncating(s[0]) is '+' or '-'))
        {
            negative = uint.CreateTruncating(s[0]) == '-';
            i = 1;
        }
        ulong mantissa = 0;
        int digits = 0;
        uint d;
        while (i < s.Length && (d = uint.CreateTruncating(s[i]) - '0') <= 9)
        {
            mantissa = mantissa * 10 + d;
            digits++;
            i++;
        }
        int fraction = 0;
        if (i < s.Length && uint.CreateTruncating(s[i]) == '.')
        {
            i++;
            while (i < s.Length && (d = uint.CreateTruncating(s[i]) - '0') <= 9)
            {
                mantissa = mantissa * 10 + d;
                fraction++;
                i++;
            }
            digits += fraction;
        }
        // 19 digits cannot overflow a ulong; more (or more than 2^53) is left to the general parser.
        if (digits == 0 || digits > 19 || mantissa > MaxExactMantissa || fraction >= PowersOfTen.Length) return false;
        double result = mantissa;
        if (fraction != 0) result /= PowersOfTen[fraction];
        value = negative ? -result : result;
        used = i;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipSpaces(ReadOnlySpan<byte> line, int pos)
    {
        while (pos < line.Length && IsAsciiSpace(line[pos])) pos++;
        return pos;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAsciiSpace(byte b) => b <= 32 && ((AsciiSpaceMask >> b) & 1) != 0;

    private Span<char> RentScratch(int length)
    {
        if (_scratch is null || _scratch.Length < length) _scratch = new char[Math.Max(length, 2 * (_scratch?.Length ?? 0))];
        return _scratch;
    }
}
