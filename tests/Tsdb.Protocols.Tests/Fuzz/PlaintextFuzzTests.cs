using System.Text;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of the plaintext grammar: any byte sequence gets a verdict without throwing, and each
/// family of hostile input gets the verdict carbon's rules (plus our documented stricter name rule) give it.
/// </summary>
public sealed class PlaintextFuzzTests
{
    private const long Arrival = 1_800_000_000;
    private readonly PlaintextLineParser _parser = new(new MetricNameInterner());

    [Fact]
    public void Random_bytes_and_mutated_lines_never_throw()
    {
        var random = new Random(7101);
        byte[] valid = "servers.web01.cpu.user 12.5 1800000000"u8.ToArray();
        int accepted = 0;
        for (int i = 0; i < 20_000; i++)
        {
            byte[] line;
            if (i % 2 == 0)
            {
                line = new byte[random.Next(0, 200)];
                random.NextBytes(line);
            }
            else
            {
                line = (byte[])valid.Clone();
                for (int flips = random.Next(1, 4); flips > 0; flips--) line[random.Next(line.Length)] = (byte)random.Next(256);
            }
            if (_parser.TryParse(line, Arrival, out ParsedPoint point) == PointParseStatus.Accepted)
            {
                accepted++;
                Assert.False(string.IsNullOrEmpty(point.Name));
                Assert.DoesNotContain(point.Name, c => c < ' ' || c == '\u007f');
            }
        }
        Assert.InRange(accepted, 1, 10_000);
    }

    [Theory]
    [InlineData("a.b nan 1800000000", PointParseStatus.DroppedNaN)]
    [InlineData("a.b 1 nan", PointParseStatus.Malformed)]
    [InlineData("a.b 1 inf", PointParseStatus.Malformed)]
    [InlineData("a.b 1 -inf", PointParseStatus.Malformed)]
    [InlineData("a.b 1 1e300", PointParseStatus.Malformed)]
    [InlineData("a.b 1 -1e19", PointParseStatus.Malformed)]
    [InlineData("a.b inf 1800000000", PointParseStatus.Accepted)]
    [InlineData("a.b 1e308 1800000000", PointParseStatus.Accepted)]
    [InlineData("a\u0000b 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData("a\u0001b 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData("a\u001bb 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData("a\u007fb 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData("a\u0008 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData("a;t=v\u0002 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData(".. 1 1800000000", PointParseStatus.InvalidName)]
    [InlineData("a 1 2 3", PointParseStatus.Malformed)]
    [InlineData("", PointParseStatus.Malformed)]
    public void Hostile_values_timestamps_and_names_get_carbons_verdict(string line, PointParseStatus expected) =>
        Assert.Equal(expected, _parser.TryParse(Encoding.UTF8.GetBytes(line), Arrival, out _));

    [Theory]
    [InlineData(new byte[] { 0xff, (byte)' ', (byte)'1', (byte)' ', (byte)'2' })]
    [InlineData(new byte[] { (byte)'a', 0xc3, (byte)' ', (byte)'1', (byte)' ', (byte)'2' })]
    [InlineData(new byte[] { (byte)'a', 0xed, 0xa0, 0x80, (byte)' ', (byte)'1', (byte)' ', (byte)'2' })] // UTF-8 encoded surrogate
    [InlineData(new byte[] { (byte)'a', 0xc0, 0xaf, (byte)' ', (byte)'1', (byte)' ', (byte)'2' })]       // overlong '/'
    public void Invalid_utf8_is_malformed(byte[] line) =>
        Assert.Equal(PointParseStatus.Malformed, _parser.TryParse(line, Arrival, out _));

    [Fact]
    public void Empty_nodes_collapse_and_names_deeper_than_a_whisper_path_are_invalid()
    {
        Assert.Equal(PointParseStatus.Accepted, _parser.TryParse("a..b...c. 1 1800000000"u8, Arrival, out ParsedPoint point));
        Assert.Equal("a.b.c", point.Name);

        string deepest = string.Join('.', Enumerable.Repeat("n", MetricNameCanonicalizer.MaxNodes));
        Assert.Equal(PointParseStatus.Accepted, _parser.TryParse(Encoding.ASCII.GetBytes(deepest + " 1 1800000000"), Arrival, out point));
        Assert.Equal(deepest, point.Name);

        string deep = string.Join('.', Enumerable.Repeat("n", 100_000));
        Assert.Equal(PointParseStatus.InvalidName, _parser.TryParse(Encoding.ASCII.GetBytes(deep + " 1 1800000000"), Arrival, out _));
    }
}
