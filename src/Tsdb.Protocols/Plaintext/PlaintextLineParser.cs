using System.Buffers;
using System.Text.Unicode;
using Tsdb.Protocols.Naming;

namespace Tsdb.Protocols.Plaintext;

/// <summary>
/// carbon's plaintext grammar (carbon <c>lib/carbon/protocols.py</c>, <c>MetricLineReceiver.lineReceived</c>):
/// UTF-8 decode, <c>strip()</c>, <c>split()</c> on whitespace runs, exactly three fields
/// <c>path value timestamp</c>, both numbers through Python's <c>float()</c>; then
/// <see cref="CarbonPointRules"/> and the name's canonical form from the shared <see cref="MetricNameInterner"/>.
/// One instance per connection (it owns a scratch buffer; not thread-safe). Allocates nothing for a name
/// seen before.
/// </summary>
public sealed class PlaintextLineParser
{
    private const int StackChars = 512;
    private readonly MetricNameInterner _names;
    private char[]? _scratch;

    public PlaintextLineParser(MetricNameInterner names) => _names = names;

    /// <summary>Parses one line without its '\n' (a trailing '\r' is whitespace and stripped).</summary>
    public PointParseStatus TryParse(ReadOnlySpan<byte> line, long arrivalTime, out ParsedPoint point)
    {
        Span<char> chars = line.Length <= StackChars ? stackalloc char[StackChars] : RentScratch(line.Length);
        if (Utf8.ToUtf16(line, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            point = default;
            return PointParseStatus.Malformed;
        }
        return TryParse(chars[..written], arrivalTime, out point);
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
            || !PythonFloat.TryParse(text[fields[2]], out double timestamp)
            || !PythonFloat.TryParse(text[fields[1]], out double value))
        {
            return PointParseStatus.Malformed;
        }

        PointParseStatus status = CarbonPointRules.TryNormalize(timestamp, value, arrivalTime, out long epochSeconds);
        if (status != PointParseStatus.Accepted) return status;
        if (!_names.TryResolve(text[fields[0]], out string name)) return PointParseStatus.InvalidName;
        point = new ParsedPoint(name, epochSeconds, value);
        return PointParseStatus.Accepted;
    }

    private Span<char> RentScratch(int length)
    {
        if (_scratch is null || _scratch.Length < length) _scratch = new char[Math.Max(length, 2 * (_scratch?.Length ?? 0))];
        return _scratch;
    }
}
