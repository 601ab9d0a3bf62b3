using System.Text;

namespace Tsdb.Protocols.Tests;

/// <summary>One plaintext line (without '\n') and what carbon makes of it.</summary>
public sealed record PlaintextCase(string Label, byte[] Line, PointParseStatus Status, string? Name = null, long Timestamp = 0, double Value = 0)
{
    public override string ToString() => Label;
}

/// <summary>
/// The plaintext table, shared with Tsdb.Ingestion.Tests (linked there) which replays every case through
/// the TCP framer split at every byte offset. Success half first, failure half second.
/// </summary>
public static class PlaintextCases
{
    public const long ArrivalTime = 1_800_000_000;

    public static readonly IReadOnlyList<PlaintextCase> All =
    [
        Ok("plain", "foo.bar 1.5 1700000000", "foo.bar", 1700000000, 1.5),
        Ok("carriage return", "foo.bar 1.5 1700000000\r", "foo.bar", 1700000000, 1.5),
        Ok("whitespace runs", "  foo.bar\t\t42   1700000000.9  ", "foo.bar", 1700000000, 42),
        Ok("python whitespace U+001F", "a\u001f7\u001f10", "a", 10, 7),
        Ok("no-break space separates", "a\u00a01\u00a010", "a", 10, 1),
        Ok("underscores", "a 1_000 1_700_000_000", "a", 1700000000, 1000),
        Ok("negative inf value kept", "a -inf 10", "a", 10, double.NegativeInfinity),
        Ok("Infinity value kept", "a +Infinity 10", "a", 10, double.PositiveInfinity),
        Ok("exponent value", "a 1E-2 10", "a", 10, 0.01),
        Ok("fraction only", "a .5 10", "a", 10, 0.5),
        Ok("trailing point", "a 5. 10", "a", 10, 5),
        Ok("exponent timestamp", "a 1 1e9", "a", 1_000_000_000, 1),
        Ok("minus one is now", "a 1 -1", "a", ArrivalTime, 1),
        Ok("int(-1.9) is now", "a 1 -1.9", "a", ArrivalTime, 1),
        Ok("int(-0.5) is zero", "a 1 -0.5", "a", 0, 1),
        Ok("negative timestamp", "a 1 -2", "a", -2, 1),
        Ok("collapsed dots", "a..b 1 10", "a.b", 10, 1),
        Ok("leading and trailing dots", ".a.b. 1 10", "a.b", 10, 1),
        Ok("tilde dropped", "~foo 1 10", "foo", 10, 1),
        Ok("tags sorted", "cpu;host=a;dc=x 1 10", "cpu;dc=x;host=a", 10, 1),
        Ok("openmetrics", "cpu{host=\"a\",dc=\"x\"} 1 10", "cpu;dc=x;host=a", 10, 1),
        Ok("utf-8 name", "m\u00e9tric 1 10", "m\u00e9tric", 10, 1),
        Ok("arabic-indic digits", "a \u0661\u0662 10", "a", 10, 12),

        Bad("nan value dropped", "a nan 10", PointParseStatus.DroppedNaN),
        Bad("NaN checked before name", "a;b -NaN 10", PointParseStatus.DroppedNaN),
        Bad("empty", "", PointParseStatus.Malformed),
        Bad("blank", "  \r", PointParseStatus.Malformed),
        Bad("two fields", "a 1", PointParseStatus.Malformed),
        Bad("four fields", "a 1 2 3", PointParseStatus.Malformed),
        Bad("U+001F splits a field", "a\u001f1 1 10", PointParseStatus.Malformed),
        Bad("hex value", "a 0x10 10", PointParseStatus.Malformed),
        Bad("comma value", "a 1,5 10", PointParseStatus.Malformed),
        Bad("dangling exponent", "a 1 1e", PointParseStatus.Malformed),
        Bad("double underscore", "a 1__0 10", PointParseStatus.Malformed),
        Bad("inf timestamp", "a 1 inf", PointParseStatus.Malformed),
        Bad("nan timestamp", "a 1 nan", PointParseStatus.Malformed),
        Bad("timestamp beyond int64", "a 1 1e30", PointParseStatus.Malformed),
        new("invalid utf-8", [(byte)'a', 0xff, (byte)' ', (byte)'1', (byte)' ', (byte)'1', (byte)'0'], PointParseStatus.Malformed),
        Bad("tag without value", "a;b 1 10", PointParseStatus.InvalidName),
        Bad("empty tag segment", "a; 1 10", PointParseStatus.InvalidName),
        Bad("no metric before tags", ";a=b 1 10", PointParseStatus.InvalidName),
        Bad("tilde tag value", "a;t=~x 1 10", PointParseStatus.InvalidName),
        Bad("bang in tag", "a;t!=x 1 10", PointParseStatus.InvalidName),
        Bad("only tilde", "~ 1 10", PointParseStatus.InvalidName),
        Bad("only dots", "... 1 10", PointParseStatus.InvalidName),
    ];

    public static IEnumerable<object[]> Indexes => Enumerable.Range(0, All.Count).Select(i => new object[] { i });

    private static PlaintextCase Ok(string label, string line, string name, long timestamp, double value) =>
        new(label, Encoding.UTF8.GetBytes(line), PointParseStatus.Accepted, name, timestamp, value);

    private static PlaintextCase Bad(string label, string line, PointParseStatus status) =>
        new(label, Encoding.UTF8.GetBytes(line), status);
}
