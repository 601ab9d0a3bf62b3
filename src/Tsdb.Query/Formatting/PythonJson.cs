using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Tsdb.Query.Formatting;

/// <summary>Text written into JSON output as is (graphite's 1e9999 for infinity).</summary>
public sealed record RawJson(string Text);

/// <summary>
/// A render series' datapoints, [[value, timestamp], ...], written without boxing each pair: NaN is null,
/// a value whose <paramref name="Integers"/> mark is set is a Python int, any other value a float.
/// <paramref name="Integers"/> empty = no ints; <paramref name="Timestamps"/> empty = point i is at
/// <paramref name="Start"/> + i * <paramref name="Stride"/>.
/// </summary>
public sealed record JsonDatapoints(ReadOnlyMemory<double> Values, ReadOnlyMemory<bool> Integers, ReadOnlyMemory<long> Timestamps,
    long Start = 0, long Stride = 0)
{
    /// <summary>From (value, isInteger, timestamp) triples.</summary>
    public JsonDatapoints(IReadOnlyList<(double Value, bool IsInteger, long Timestamp)> points)
        : this(points.Select(p => p.Value).ToArray(), points.Select(p => p.IsInteger).ToArray(), points.Select(p => p.Timestamp).ToArray())
    {
    }
}

/// <summary>An ordered JSON object (Python dicts keep insertion order, which json.dumps follows).</summary>
public sealed class JsonObject : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _items = [];

    public void Add(string key, object? value) => _items.Add(new(key, value));

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Python's json.dumps: separators ", " and ": " (with indent: "," and ": " plus newlines), ASCII escaping
/// (\uXXXX, lower-case hex) unless disabled, floats as repr(), NaN/Infinity/-Infinity as Python writes them,
/// optional sort_keys. Values: null, bool, string, long/int, double, <see cref="RawJson"/>,
/// <see cref="JsonObject"/>, IDictionary&lt;string, ...&gt;, any other IEnumerable as a list.
/// </summary>
public static class PythonJson
{
    public static string Serialize(object? value, bool ensureAscii = true, bool indent = false, bool sortKeys = false)
    {
        var sb = new StringBuilder();
        Write(sb, value, new Style(ensureAscii, indent, sortKeys, null), 0);
        return sb.ToString();
    }

    /// <summary>
    /// <see cref="Serialize"/> (ASCII escaping, no indent, keys in order) in pieces: whenever the text so far
    /// passes <see cref="PieceChars"/> at the end of a list element, object member or datapoint, it is handed
    /// to <paramref name="piece"/>, which must consume it; the rest comes with a last call. Each piece ends
    /// with a whole token (a closing quote or bracket), so a text replacement that cannot span ", " from
    /// such a token, like graphite-web's 'NaN,' and 'Infinity,', gives the same text per piece as over the whole.
    /// </summary>
    public static void SerializeInPieces(object? value, Action<StringBuilder> piece)
    {
        var sb = new StringBuilder(PieceChars + 256);
        Write(sb, value, new Style(true, false, false, piece), 0);
        piece(sb);
    }

    /// <summary>About how many chars <see cref="SerializeInPieces"/> gathers before handing them over.</summary>
    public const int PieceChars = 16 * 1024;

    private readonly record struct Style(bool EnsureAscii, bool Indent, bool SortKeys, Action<StringBuilder>? Piece)
    {
        /// <summary>At a token boundary: hands the text over when it is long enough.</summary>
        public void MaybeHandOver(StringBuilder sb)
        {
            if (Piece is not null && sb.Length >= PieceChars) Piece(sb);
        }
    }

    private static void Write(StringBuilder sb, object? value, Style style, int depth)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case string s: WriteString(sb, s, style.EnsureAscii); break;
            case RawJson raw: sb.Append(raw.Text); break;
            case JsonDatapoints points: WriteDatapoints(sb, points, style, depth); break;
            case double d: AppendFloat(sb, d); break;
            case float f: AppendFloat(sb, f); break;
            case long or int or BigInteger: sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
            case JsonObject obj: WriteObject(sb, obj, style, depth); break;
            case IDictionary dict:
                var o = new JsonObject();
                foreach (DictionaryEntry e in dict) o.Add((string)e.Key, e.Value);
                WriteObject(sb, o, style, depth);
                break;
            case IEnumerable list: WriteList(sb, list.Cast<object?>(), style, depth); break;
            default: throw new ArgumentException($"Cannot write {value.GetType()} as JSON");
        }
    }

    /// <summary>float.__repr__ with json's spelling of the non-finite values.</summary>
    public static string Float(double d) =>
        double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PythonFormat.Repr(d);

    private static void WriteObject(StringBuilder sb, JsonObject obj, Style style, int depth)
    {
        IEnumerable<KeyValuePair<string, object?>> items = obj;
        if (style.SortKeys) items = items.OrderBy(kv => kv.Key, StringComparer.Ordinal);
        sb.Append('{');
        bool first = true;
        foreach (var (key, v) in items)
        {
            Separator(sb, style, depth + 1, first);
            first = false;
            WriteString(sb, key, style.EnsureAscii);
            sb.Append(": ");
            Write(sb, v, style, depth + 1);
            style.MaybeHandOver(sb);
        }
        Close(sb, style, depth, first, '}');
    }

    private static void WriteList(StringBuilder sb, IEnumerable<object?> list, Style style, int depth)
    {
        sb.Append('[');
        bool first = true;
        foreach (var v in list)
        {
            Separator(sb, style, depth + 1, first);
            first = false;
            Write(sb, v, style, depth + 1);
            style.MaybeHandOver(sb);
        }
        Close(sb, style, depth, first, ']');
    }

    /// <summary>The text <see cref="WriteList"/> gives for a list of [value, timestamp] lists.</summary>
    private static void WriteDatapoints(StringBuilder sb, JsonDatapoints datapoints, Style style, int depth)
    {
        var values = datapoints.Values.Span;
        var ints = datapoints.Integers.Span;
        var timestamps = datapoints.Timestamps.Span;
        sb.Append('[');
        Span<char> point = stackalloc char[96];
        for (int i = 0; i < values.Length; i++)
        {
            long timestamp = timestamps.Length > 0 ? timestamps[i] : datapoints.Start + i * datapoints.Stride;
            double value = values[i];
            bool isInteger = ints.Length > 0 && ints[i];
            if (!style.Indent)
            {
                // "[value, timestamp]" (after ", " but for the first) built on the stack, appended at once.
                int o = 0;
                if (i > 0) { point[o++] = ','; point[o++] = ' '; }
                point[o++] = '[';
                int n = WritePointValue(value, isInteger, point[o..]);
                if (n < 0)
                {
                    sb.Append(point[..o]);
                    AppendPointValue(sb, value, isInteger);
                    o = 0;
                }
                else o += n;
                point[o++] = ',';
                point[o++] = ' ';
                timestamp.TryFormat(point[o..], out int tsLength, default, CultureInfo.InvariantCulture);
                o += tsLength;
                point[o++] = ']';
                sb.Append(point[..o]);
                style.MaybeHandOver(sb);
                continue;
            }
            Separator(sb, style, depth + 1, i == 0);
            sb.Append('[');
            Separator(sb, style, depth + 2, true);
            AppendPointValue(sb, value, ints.Length > 0 && ints[i]);
            Separator(sb, style, depth + 2, false);
            sb.Append(timestamp);
            Close(sb, style, depth + 1, false, ']');
        }
        Close(sb, style, depth, values.Length == 0, ']');
    }

    /// <summary>
    /// <see cref="AppendPointValue"/>'s text written into <paramref name="destination"/> (at least 40 chars);
    /// -1 for the rare values it leaves to <see cref="AppendPointValue"/> (ints of 9e15 and more).
    /// </summary>
    private static int WritePointValue(double value, bool isInteger, Span<char> destination)
    {
        if (double.IsNaN(value))
        {
            "null".AsSpan().CopyTo(destination);
            return 4;
        }
        if (isInteger)
        {
            if (!(Math.Abs(value) < 9e15)) return -1;
            ((long)value).TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
            return n;
        }
        if (value != 0 && Math.Abs(value) < 1e16 && value == Math.Floor(value))
        {
            ((long)value).TryFormat(destination, out int n, default, CultureInfo.InvariantCulture);
            destination[n++] = '.';
            destination[n++] = '0';
            return n;
        }
        if (double.IsInfinity(value)) return -1;
        return PythonFormat.WriteRepr(value, destination);
    }

    /// <summary>null for NaN, a Python int's digits, else <see cref="Float"/>.</summary>
    private static void AppendPointValue(StringBuilder sb, double value, bool isInteger)
    {
        if (double.IsNaN(value)) sb.Append("null");
        else if (isInteger) AppendIntText(sb, value);
        else AppendFloat(sb, value);
    }

    /// <summary><see cref="Tsdb.Query.Model.SeriesConsolidation.IntText"/> appended.</summary>
    private static void AppendIntText(StringBuilder sb, double v)
    {
        if (Math.Abs(v) < 9e15) sb.Append((long)v);
        else sb.Append(Tsdb.Query.Model.SeriesConsolidation.IntText(v));
    }

    /// <summary><see cref="Float"/> appended; an integral value below 1e16 is its digits and ".0", as repr writes it.</summary>
    private static void AppendFloat(StringBuilder sb, double d)
    {
        if (d != 0 && Math.Abs(d) < 1e16 && d == Math.Floor(d)) sb.Append((long)d).Append(".0");
        else if (double.IsNaN(d)) sb.Append("NaN");
        else if (double.IsPositiveInfinity(d)) sb.Append("Infinity");
        else if (double.IsNegativeInfinity(d)) sb.Append("-Infinity");
        else PythonFormat.AppendRepr(sb, d);
    }

    private static void Separator(StringBuilder sb, Style style, int depth, bool first)
    {
        if (style.Indent) sb.Append(first ? "\n" : ",\n").Append(' ', 2 * depth);
        else if (!first) sb.Append(", ");
    }

    private static void Close(StringBuilder sb, Style style, int depth, bool empty, char bracket)
    {
        if (style.Indent && !empty) sb.Append('\n').Append(' ', 2 * depth);
        sb.Append(bracket);
    }

    public static void WriteString(StringBuilder sb, string s, bool ensureAscii)
    {
        sb.Append('"');
        if (!NeedsEscape(s, ensureAscii))
        {
            sb.Append(s).Append('"');
            return;
        }
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    private static bool NeedsEscape(string s, bool ensureAscii)
    {
        foreach (char c in s)
            if (c < 0x20 || c == '"' || c == '\\' || (ensureAscii && c > 0x7e)) return true;
        return false;
    }
}
