using System.Buffers;
using System.Text.Unicode;
using Tsdb.Core;
using Tsdb.Protocols.Naming;

namespace Tsdb.Protocols.Plaintext;

/// <summary>
/// The general, unoptimized form of carbon's plaintext grammar that <see cref="PlaintextLineParser"/> must agree
/// with bit for bit: UTF-8 → UTF-16, <see cref="PythonText.Strip"/>, split on every <see cref="PythonText.IsSpace"/>
/// run, both numbers through <see cref="PythonFloat"/>, <see cref="CarbonPointRules"/>, then the interner.
/// Kept as the oracle of the differential tests and as the "before" of ParserBenchmarks; not used on the ingest path.
/// </summary>
internal static class ReferencePlaintextLineParser
{
    private const int StackChars = 512;

    public static PointParseStatus TryParse(MetricNameInterner names, ReadOnlySpan<byte> line, long arrivalTime, out ParsedPoint point)
    {
        Span<char> chars = line.Length <= StackChars ? stackalloc char[StackChars] : new char[line.Length];
        if (Utf8.ToUtf16(line, chars, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            point = default;
            return PointParseStatus.Malformed;
        }
        return TryParse(names, chars[..written], arrivalTime, out point);
    }

    public static PointParseStatus TryParse(MetricNameInterner names, ReadOnlySpan<char> line, long arrivalTime, out ParsedPoint point)
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
        if (!names.TryResolve(text[fields[0]], out string name, out ISeriesHandle? series)) return PointParseStatus.InvalidName;
        point = new ParsedPoint(name, epochSeconds, value, series);
        return PointParseStatus.Accepted;
    }
}
