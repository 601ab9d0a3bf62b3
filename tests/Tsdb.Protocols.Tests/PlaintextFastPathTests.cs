using System.Globalization;
using System.Text;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Tests;

/// <summary>
/// <see cref="PlaintextLineParser"/>'s fast paths (ASCII bytes, plain decimals, name prediction) against
/// <see cref="ReferencePlaintextLineParser"/>, the general code: same status, same interned name instance,
/// same value bits, same timestamp, for generated lines of every shape.
/// </summary>
public sealed class PlaintextFastPathTests
{
    private const long Arrival = 1_800_000_000;

    private static readonly string[] AsciiSpaces = [" ", "\t", "\n", "\v", "\f", "\r", "\x1c", "\x1d", "\x1e", "\x1f"];
    private static readonly string[] OtherSpaces = ["\u0085", "\u00a0", "\u1680", "\u2000", "\u2003", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000"];

    private static readonly string[] Names =
    [
        "node0042.diskinfo.writekbs.vda", "node0001.cpuinfo.user", "a", "a.b.c", "vm.cputotals.user",
        "a..b", ".a.b.", "a/b/c", "~foo", "~~foo.bar", "a.b;tag=v", "a.b;z=1;y=2", "a.b;y=2;z=1", "a.b;name=x",
        "cpu{host=\"a\",dc=\"x\"}", "m\u00e9tric.x", "\u65e5\u672c.x", "a\U0001F600b", "a;b", "...", ";a=b", "a;t=~x",
        "a\u0001b", "a\u007fb", "a;t!=x", "x.y_z-w:1", "a.b;tag=v\u00e9",
    ];

    private static readonly string[] SpecialNumbers =
    [
        "inf", "-inf", "+inf", "Infinity", "-INFINITY", "iNf", "infinit", "nan", "-NaN", "+nan", "nanx",
        ".", "-", "+", "+-1", "--1", "+.5", "-.5", ".5", "5.", "-5.", "0", "-0", "+0", "-0.0", "0.000", "00001", "-00.100",
        "1e5", "1E-2", "1.5e+3", "2e400", "-2e400", "1e-400", "1e", "e5", ".e5", "1.e5", "1e5_0", "1e_5",
        "1_000", "1__0", "_1", "1_", "1_0.5_5", "1._5", "1_.5", "0x10", "1,5", "1.5.5", "1..5", "١٢", "\uff11.5",
        "9007199254740992", "9007199254740993", "-9007199254740993", "123456789012345678", "1234567890123456789",
        "12345678901234567890", "0.1234567890123456789", "0.12345678901234567890123", "1.0000000000000000000000001",
        "0.0000000000000000000001", "0.00000000000000000000001", "179769313486231570000000000000000000000000000000",
        "1795730400", "-1", "-1.9", "-2", "-0.5", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "9.3e18", "1e19", "-1e19", "4294967296.5", "1795730400.123456", "17957304001234567",
    ];

    [Fact]
    public void Generated_lines_match_the_reference_parser()
    {
        var random = new Random(20261127);
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        int accepted = 0, fastShaped = 0;
        for (int i = 0; i < 150_000; i++)
        {
            byte[] line = GenerateLine(random, i, out bool plain);
            if (plain) fastShaped++;
            if (AssertSameOutcome(parser, interner, line, random.Next(2) == 0) == PointParseStatus.Accepted) accepted++;
        }
        Assert.InRange(accepted, 20_000, 140_000);
        Assert.InRange(fastShaped, 20_000, 150_000);
    }

    [Fact]
    public void Fixed_cases_and_their_variants_match_the_reference_parser()
    {
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        foreach (string number in SpecialNumbers)
        {
            foreach (string line in new[] { $"a.b {number} 1795730400", $"a.b 1.5 {number}", $" a.b\t{number}\r", $"a.b {number} {number}\r" })
            {
                AssertSameOutcome(parser, interner, Encoding.UTF8.GetBytes(line), referenceFirst: false);
            }
        }
        foreach (PlaintextCase c in PlaintextCases.All) AssertSameOutcome(parser, interner, c.Line, referenceFirst: true);
    }

    [Fact]
    public void Lines_starting_with_the_predicted_name_match_the_reference_parser()
    {
        const string Before = "node0041.diskinfo.writekbs.vda", Predicted = "node0042.diskinfo.writekbs.vda";
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        var lines = new List<string>();
        foreach (string number in SpecialNumbers)
        {
            lines.AddRange([$"{Predicted} {number} 1795730400", $"{Predicted} 1.5 {number}", $"{Predicted}\t{number}\r", $"{Predicted} {number} {number} "]);
        }
        foreach (string space in AsciiSpaces.Concat(OtherSpaces))
        {
            lines.AddRange([$"{Predicted}{space}1.5{space}1795730400{space}", $"{Predicted}{space}{space}1{space}{space}2", $"{space}{Predicted} 1 2"]);
        }
        lines.AddRange([
            $"{Predicted}", $"{Predicted} ", $"{Predicted} 1", $"{Predicted} 1 ", $"{Predicted} 1 2 3", $"{Predicted}1 2",
            $"{Predicted}x 1 2", $"{Predicted}\u00e9 1 2", $"{Predicted};t=v 1 2", $"{Predicted}.x 1 2", $"{Predicted} 1x 2",
            $"{Predicted} 1 2x", $"{Predicted} 1\u00e9 2", $"{Predicted} 1 2\u00e9", $"{Predicted} 1 -1", $"{Predicted} 1 -1.5",
            $"{Predicted} nan 1795730400", $"{Predicted} 1 1e19", "node0042.diskinfo.writekbs.vd 1 2", "node0042 1 2",
        ]);

        foreach (string line in lines)
        {
            // Teach Before -> Predicted, so the line under test is parsed with Predicted expected.
            foreach (string name in new[] { Before, Predicted, Before })
                Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Encoding.UTF8.GetBytes($"{name} 1 1795730400"), Arrival, out _));
            Assert.Equal(Predicted, parser.NameCache.Predicted);

            AssertSameOutcome(parser, interner, Encoding.UTF8.GetBytes(line), referenceFirst: false);
        }
    }

    [Fact]
    public void Plain_decimals_parse_to_the_correctly_rounded_double()
    {
        var random = new Random(5);
        for (int i = 0; i < 200_000; i++)
        {
            int intDigits = random.Next(0, 17), fracDigits = random.Next(0, 23);
            var text = new StringBuilder();
            if (random.Next(3) == 0) text.Append(random.Next(2) == 0 ? '-' : '+');
            for (int d = 0; d < intDigits; d++) text.Append((char)('0' + random.Next(10)));
            if (fracDigits > 0 || random.Next(4) == 0) text.Append('.');
            for (int d = 0; d < fracDigits; d++) text.Append((char)('0' + random.Next(10)));
            string s = text.ToString();

            bool expectedOk = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double expected)
                && PythonFloat.TryParse(s, out double python);
            if (PlaintextLineParser.TryParsePlainDecimal(s.AsSpan(), out double value, out int used))
            {
                Assert.True(expectedOk, s);
                Assert.Equal(s.Length, used);
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(value));
                Assert.True(PlaintextLineParser.TryParsePlainDecimal(Encoding.ASCII.GetBytes(s).AsSpan(), out double fromBytes, out _));
                Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(fromBytes));
            }
        }
    }

    [Fact]
    public void Plain_decimal_fast_path_declines_what_it_cannot_do_exactly()
    {
        foreach (string s in new[] { "", ".", "-", "+", "9007199254740993", "12345678901234567890", "1.0000000000000000000000001", "0.00000000000000000000001" })
        {
            Assert.False(PlaintextLineParser.TryParsePlainDecimal(s.AsSpan(), out _, out _), s);
        }
        Assert.True(PlaintextLineParser.TryParsePlainDecimal("1e5".AsSpan(), out double value, out int used));
        Assert.Equal((1.0, 1), (value, used)); // stops before 'e'; the caller sees the field is longer and falls back
        Assert.True(PlaintextLineParser.TryParsePlainDecimal("-0".AsSpan(), out value, out _));
        Assert.True(double.IsNegative(value));
    }

    [Fact]
    public void Same_order_every_round_is_predicted_after_the_first_round()
    {
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        string[] names = Enumerable.Range(0, 200).Select(i => $"node{i:D4}.diskinfo.writekbs.vda").ToArray();
        for (int round = 0; round < 4; round++)
        {
            for (int i = 0; i < names.Length; i++)
            {
                // The first round teaches the chain; the link from the last name back to the first is learnt
                // when the second round starts.
                if (round > 1 || (round == 1 && i > 0)) Assert.Equal(names[i], parser.NameCache.Predicted);
                AssertResolvesLikeInterner(parser, interner, names[i], round);
            }
        }
        Assert.Equal(names.Length, parser.NameCache.Count);
    }

    [Fact]
    public void Reordered_and_dropped_names_still_resolve_to_the_interned_instance()
    {
        var random = new Random(11);
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        string[] names = Enumerable.Range(0, 300).Select(i => $"host{i % 17}.metric{i}").ToArray();
        for (int round = 0; round < 20; round++)
        {
            string[] order = (string[])names.Clone();
            if (round % 3 != 0) random.Shuffle(order);
            foreach (string name in order.Where(_ => random.Next(10) != 0)) AssertResolvesLikeInterner(parser, interner, name, round);
        }
    }

    [Fact]
    public void A_fixed_order_after_shuffled_rounds_is_learnt_again()
    {
        var random = new Random(3);
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        string[] names = Enumerable.Range(0, 500).Select(i => $"node{i % 20:D4}.diskinfo.m{i}").ToArray();
        for (int round = 0; round < 6; round++)
        {
            string[] shuffled = (string[])names.Clone();
            random.Shuffle(shuffled);
            foreach (string name in shuffled) AssertResolvesLikeInterner(parser, interner, name, round);
        }
        Assert.True(parser.NameCache.Sampling);

        int rounds = 0, hits = 0;
        while (hits < names.Length && rounds++ < 60)
        {
            hits = 0;
            foreach (string name in names)
            {
                if (ReferenceEquals(parser.NameCache.Predicted, name) || parser.NameCache.Predicted == name) hits++;
                AssertResolvesLikeInterner(parser, interner, name, rounds);
            }
        }
        Assert.True(hits == names.Length, $"{hits} of {names.Length} predicted after {rounds} rounds");
        Assert.False(parser.NameCache.Sampling);
    }

    [Fact]
    public void Spellings_that_are_not_canonical_are_never_predicted_and_still_resolve()
    {
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        // Each position alternates between the canonical spelling and another spelling of the same series, or
        // sends a name whose canonical form differs from its raw text, or an invalid name.
        string[][] spellings =
        [
            ["cpu;a=1;b=2", "cpu;b=2;a=1", "~cpu;b=2;a=1", "cpu{b=\"2\",a=\"1\"}"],
            ["a.b", "a..b", ".a.b", "a/b"],
            ["x.y"],
            ["m;t=v"],
            ["bad;tag", "a.b.c"],
            ["p.q", "p..q"],
        ];
        for (int round = 0; round < 12; round++)
        {
            foreach (string[] position in spellings)
            {
                string raw = position[round % position.Length];
                AssertResolvesLikeInterner(parser, interner, raw, round);
                string? predicted = parser.NameCache.Predicted;
                if (predicted is not null) Assert.True(interner.TryResolve(predicted, out string self) && ReferenceEquals(self, predicted));
            }
        }
        Assert.Equal(PointParseStatus.Accepted, parser.TryParse("cpu;b=2;a=1 1 10"u8, Arrival, out ParsedPoint point));
        Assert.Equal("cpu;a=1;b=2", point.Name);
    }

    [Fact]
    public void Full_interner_names_resolve_correctly_and_are_not_predicted()
    {
        var interner = new MetricNameInterner(maxEntries: 10);
        var parser = new PlaintextLineParser(interner);
        string[] names = Enumerable.Range(0, 30).Select(i => $"n{i}.x").ToArray();
        var remembered = new Dictionary<string, string>();
        for (int round = 0; round < 5; round++)
        {
            foreach (string name in names)
            {
                Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Encoding.ASCII.GetBytes($"{name} 1 10"), Arrival, out ParsedPoint point));
                Assert.Equal(name, point.Name);
                if (round == 0 && interner.TryResolve(name, out string interned, out _, out NameReuse reuse) && reuse == NameReuse.Remembered) remembered[name] = interned;
                if (remembered.TryGetValue(name, out string? instance)) Assert.Same(instance, point.Name);
                string? predicted = parser.NameCache.Predicted;
                if (predicted is not null) Assert.True(remembered.ContainsKey(predicted), predicted);
            }
        }
        Assert.Equal(10, interner.Count);
        Assert.InRange(parser.NameCache.Count, 1, 10);
    }

    [Fact]
    public void Prediction_memory_is_bounded_per_connection()
    {
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner, predictedNames: 16);
        string[] names = Enumerable.Range(0, 40).Select(i => $"n{i}.x").ToArray();
        for (int round = 0; round < 4; round++)
        {
            foreach (string name in names)
            {
                AssertResolvesLikeInterner(parser, interner, name, round);
                Assert.InRange(parser.NameCache.Count, 0, 16);
            }
        }
        var disabled = new PlaintextLineParser(interner, predictedNames: 0);
        foreach (string name in names) AssertResolvesLikeInterner(disabled, interner, name, 0);
        Assert.Null(disabled.NameCache.Predicted);
    }

    [Fact]
    public void Char_input_uses_the_same_prediction()
    {
        var interner = new MetricNameInterner();
        var parser = new PlaintextLineParser(interner);
        string[] lines = ["a.b 1 10", "m\u00e9tric 2 10", "c.d 3 10\r", "c..d 4 10"];
        for (int round = 0; round < 3; round++)
        {
            foreach (string line in lines)
            {
                PointParseStatus expected = ReferencePlaintextLineParser.TryParse(interner, line.AsSpan(), Arrival, out ParsedPoint reference);
                Assert.Equal(expected, parser.TryParse(line.AsSpan(), Arrival, out ParsedPoint point));
                Assert.Same(reference.Name, point.Name);
                Assert.Equal(reference, point);
            }
        }
    }

    private static void AssertResolvesLikeInterner(PlaintextLineParser parser, MetricNameInterner interner, string raw, int round)
    {
        PointParseStatus status = parser.TryParse(Encoding.UTF8.GetBytes($"{raw} {round} 1795730400"), Arrival, out ParsedPoint point);
        if (interner.TryResolve(raw, out string expected))
        {
            Assert.Equal(PointParseStatus.Accepted, status);
            Assert.Same(expected, point.Name);
            Assert.Equal((double)round, point.Value);
        }
        else
        {
            Assert.Equal(PointParseStatus.InvalidName, status);
        }
    }

    private static PointParseStatus AssertSameOutcome(PlaintextLineParser parser, MetricNameInterner interner, byte[] line, bool referenceFirst)
    {
        PointParseStatus expected = default, actual = default;
        ParsedPoint reference = default, point = default;
        if (referenceFirst) expected = ReferencePlaintextLineParser.TryParse(interner, line, Arrival, out reference);
        actual = parser.TryParse(line, Arrival, out point);
        if (!referenceFirst) expected = ReferencePlaintextLineParser.TryParse(interner, line, Arrival, out reference);

        string shown = Convert.ToHexString(line);
        Assert.True(expected == actual, $"{shown}: expected {expected}, got {actual}");
        if (actual == PointParseStatus.Accepted)
        {
            Assert.True(ReferenceEquals(reference.Name, point.Name), $"{shown}: name instance differs ({reference.Name} / {point.Name})");
            Assert.True(reference.Timestamp == point.Timestamp, $"{shown}: timestamp {reference.Timestamp} / {point.Timestamp}");
            Assert.True(BitConverter.DoubleToInt64Bits(reference.Value) == BitConverter.DoubleToInt64Bits(point.Value),
                $"{shown}: value {reference.Value:R} / {point.Value:R}");
        }

        // The already-decoded overload (UDP) agrees too.
        if (Encoding.UTF8.GetCharCount(line) is var count && TryDecode(line, out string? text))
        {
            PointParseStatus fromChars = parser.TryParse(text.AsSpan(), Arrival, out ParsedPoint charPoint);
            Assert.True(expected == fromChars, $"{shown} (chars, {count}): expected {expected}, got {fromChars}");
            if (fromChars == PointParseStatus.Accepted)
            {
                Assert.Same(reference.Name, charPoint.Name);
                Assert.Equal(BitConverter.DoubleToInt64Bits(reference.Value), BitConverter.DoubleToInt64Bits(charPoint.Value));
                Assert.Equal(reference.Timestamp, charPoint.Timestamp);
            }
        }
        return actual;
    }

    private static bool TryDecode(byte[] line, out string text)
    {
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(line);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static byte[] GenerateLine(Random random, int index, out bool plain)
    {
        plain = false;
        int shape = random.Next(100);
        if (shape < 2)
        {
            byte[] garbage = new byte[random.Next(0, 60)];
            random.NextBytes(garbage);
            return garbage;
        }
        var line = new StringBuilder();
        if (random.Next(4) == 0) line.Append(Spaces(random));
        // Mostly a fixed round-robin order, so name prediction hits; sometimes a random name.
        line.Append(random.Next(5) == 0 ? Names[random.Next(Names.Length)] : Names[index % Names.Length]);
        if (shape < 4) return Encoding.UTF8.GetBytes(line.ToString());
        line.Append(random.Next(3) == 0 ? Spaces(random) : " ");
        string value = Number(random, out bool plainValue);
        line.Append(value);
        if (shape < 6) return Encoding.UTF8.GetBytes(line.ToString());
        line.Append(random.Next(3) == 0 ? Spaces(random) : " ");
        string timestamp = random.Next(3) == 0 ? Number(random, out bool plainTimestamp) : Timestamp(random, out plainTimestamp);
        line.Append(timestamp);
        plain = plainValue && plainTimestamp;
        switch (random.Next(10))
        {
            case 0: line.Append('\r'); break;
            case 1: line.Append(Spaces(random)); break;
            case 2: line.Append(' ').Append(Number(random, out _)); break;
        }
        return Encoding.UTF8.GetBytes(line.ToString());
    }

    private static string Spaces(Random random)
    {
        var s = new StringBuilder();
        for (int n = random.Next(1, 4); n > 0; n--)
        {
            s.Append(random.Next(8) == 0 ? OtherSpaces[random.Next(OtherSpaces.Length)] : AsciiSpaces[random.Next(AsciiSpaces.Length)]);
        }
        return s.ToString();
    }

    private static string Timestamp(Random random, out bool plain)
    {
        plain = true;
        return random.Next(6) switch
        {
            0 => "-1",
            1 => (-(long)random.Next()).ToString(CultureInfo.InvariantCulture),
            2 => (1_795_730_400 + random.Next(100_000) + random.NextDouble()).ToString("R", CultureInfo.InvariantCulture),
            _ => (1_795_730_400 + random.Next(100_000)).ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Number(Random random, out bool plain)
    {
        plain = false;
        int kind = random.Next(10);
        if (kind == 0) return SpecialNumbers[random.Next(SpecialNumbers.Length)];
        if (kind == 1) return random.NextDouble().ToString("R", CultureInfo.InvariantCulture) is var r && random.Next(2) == 0 ? r : (random.NextDouble() * 1e300).ToString("E", CultureInfo.InvariantCulture);
        if (kind == 2)
        {
            // 15 to 19 digit mantissas, either side of 2^53.
            int digits = random.Next(15, 20);
            var s = new StringBuilder(random.Next(2) == 0 ? "-" : "");
            for (int d = 0; d < digits; d++) s.Append((char)('0' + random.Next(10)));
            if (random.Next(2) == 0) s.Insert(random.Next(s.Length + 1), '.');
            return s.ToString();
        }
        if (kind == 3)
        {
            // Underscores between (or not between) digits.
            string digits = random.Next(0, 100_000_000).ToString(CultureInfo.InvariantCulture);
            return digits.Insert(random.Next(digits.Length + 1), "_");
        }
        plain = true;
        var text = new StringBuilder();
        if (random.Next(4) == 0) text.Append(random.Next(2) == 0 ? '-' : '+');
        int intDigits = random.Next(0, 9), fracDigits = random.Next(0, 8);
        if (intDigits + fracDigits == 0) intDigits = 1;
        for (int d = 0; d < intDigits; d++) text.Append((char)('0' + random.Next(10)));
        if (fracDigits > 0 || random.Next(5) == 0) text.Append('.');
        for (int d = 0; d < fracDigits; d++) text.Append((char)('0' + random.Next(10)));
        return text.ToString();
    }
}
