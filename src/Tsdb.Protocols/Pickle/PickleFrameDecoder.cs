using System.Numerics;
using Tsdb.Core;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Pickle;

/// <summary>Counts for one decoded pickle frame.</summary>
public readonly record struct PickleFrameResult(int Accepted, int DroppedNaN, int EntriesSkipped, int InvalidNames);

/// <summary>
/// Turns one pickle frame (the payload after the 4-byte length) into points, as carbon's
/// <c>MetricPickleReceiver.stringReceived</c> does (carbon <c>lib/carbon/protocols.py</c>): the payload is an
/// iterable of <c>(path, (timestamp, value))</c>; inner sequences may be lists; both numbers go through
/// Python's <c>float()</c>, so numeric strings work. An entry that does not destructure, or whose numbers do
/// not convert, is skipped and counted; the rest of the frame is kept. Thread-safe (the interner is).
/// </summary>
public sealed class PickleFrameDecoder(MetricNameInterner names)
{
    /// <summary>Appends the frame's points to <paramref name="batch"/>. On a rejected frame nothing is appended
    /// and <paramref name="error"/> says why.</summary>
    public bool TryDecode(ReadOnlySpan<byte> frame, long arrivalTime, PointBatch batch, out PickleFrameResult result, out string? error)
    {
        result = default;
        object? root;
        try
        {
            root = RestrictedUnpickler.Load(frame);
            error = null;
        }
        catch (PickleRejectedException e)
        {
            error = e.Message;
            return false;
        }
        if (!TryIterate(root, out IReadOnlyList<object?> entries))
        {
            error = "the unpickled payload is not a sequence";
            return false;
        }

        int accepted = 0, nan = 0, skipped = 0, invalidNames = 0;
        foreach (object? entry in entries)
        {
            if (!TryUnpackPair(entry, out object? metric, out object? datapoint)
                || !TryUnpackPair(datapoint, out object? rawTimestamp, out object? rawValue)
                || !TryConvertToFloat(rawTimestamp, out double timestamp)
                || !TryConvertToFloat(rawValue, out double value)
                || metric is not string path)
            {
                skipped++;
                continue;
            }
            switch (CarbonPointRules.TryNormalize(timestamp, value, arrivalTime, out long epochSeconds))
            {
                case PointParseStatus.DroppedNaN:
                    nan++;
                    continue;
                case PointParseStatus.Malformed:
                    skipped++;
                    continue;
            }
            if (!names.TryResolve(path, out string name, out ISeriesHandle? series))
            {
                invalidNames++;
                continue;
            }
            batch.Add(name, epochSeconds, value, series);
            accepted++;
        }
        result = new PickleFrameResult(accepted, nan, skipped, invalidNames);
        return true;
    }

    // Python iteration of the restricted value set: str yields 1-character strings, bytes yields ints,
    // dicts yield their keys.
    private static bool TryIterate(object? value, out IReadOnlyList<object?> items)
    {
        switch (value)
        {
            case List<object?> list: items = list; return true;
            case object?[] tuple: items = tuple; return true;
            case PickleDict dict: items = dict.Items.Select(p => p.Key).ToList(); return true;
            case PickleSet set: items = set.Items; return true;
            case string text: items = text.EnumerateRunes().Select(r => (object?)r.ToString()).ToList(); return true;
            case byte[] bytes: items = bytes.Select(b => (object?)(long)b).ToList(); return true;
            default: items = []; return false;
        }
    }

    private static bool TryUnpackPair(object? value, out object? first, out object? second)
    {
        first = second = null;
        if (!TryIterate(value, out IReadOnlyList<object?> items) || items.Count != 2) return false;
        (first, second) = (items[0], items[1]);
        return true;
    }

    // Python float(x) for the restricted value set; OverflowError (huge int) counts as not convertible.
    private static bool TryConvertToFloat(object? value, out double number)
    {
        number = 0;
        switch (value)
        {
            case double d: number = d; return true;
            case long l: number = l; return true;
            case bool b: number = b ? 1 : 0; return true;
            case BigInteger big: number = (double)big; return double.IsFinite(number);
            case string text: return PythonFloat.TryParse(text, out number);
            case byte[] bytes when System.Text.Ascii.IsValid(bytes): return PythonFloat.TryParse(bytes.Select(b => (char)b).ToArray(), out number);
            default: return false;
        }
    }
}
