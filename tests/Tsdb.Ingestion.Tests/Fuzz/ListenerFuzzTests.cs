using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Tsdb.Core;
using Tsdb.Protocols;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Pickle;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Ingestion.Tests.Fuzz;

/// <summary>
/// Seeded hostile streams through the real listeners: good items interleaved with garbage. Every good point
/// is stored, every bad item is counted under the verdict the parser gives it on its own, and the
/// listeners keep serving. Seeds are fixed so CI replays the same streams.
/// </summary>
public sealed class ListenerFuzzTests
{
    private const long Ts = 1_700_000_000;

    [Fact]
    public async Task Plaintext_garbage_between_good_lines_is_counted_and_the_good_lines_are_stored()
    {
        await using var harness = await IngestionHarness.StartAsync();
        var random = new Random(7201);
        var reference = new PlaintextLineParser(new MetricNameInterner());
        var stream = new MemoryStream();
        var expected = new List<(string, long, double)>();
        long invalid = 0, invalidNames = 0, nan = 0;
        for (int i = 0; i < 2000; i++)
        {
            string good = $"fuzz.good.m{i % 50} {i} {Ts + i}";
            stream.Write(Encoding.ASCII.GetBytes(good + "\n"));
            expected.Add(($"fuzz.good.m{i % 50}", Ts + i, i));
            byte[] bad = BadLine(random, i);
            switch (reference.TryParse(bad, Ts, out ParsedPoint point))
            {
                case PointParseStatus.Accepted: expected.Add((point.Name, point.Timestamp, point.Value)); break;
                case PointParseStatus.InvalidName: invalidNames++; break;
                case PointParseStatus.DroppedNaN: nan++; break;
                default: invalid++; break;
            }
            stream.Write(bad);
            stream.WriteByte((byte)'\n');
        }

        await ClientSockets.SendAndCloseAsync(harness.Plaintext.LocalEndPoint, stream.ToArray());
        await harness.Store.WaitForAsync(expected.Count);
        await harness.StopAsync();

        Assert.Equal(expected, harness.Store.Points);
        var counters = harness.Counters.Snapshot();
        Assert.Equal(invalid, counters.LinesInvalid);
        Assert.Equal(invalidNames, counters.NamesInvalid);
        Assert.Equal(nan, counters.PointsDroppedNaN);
        Assert.True(invalid + invalidNames + nan > 1900, $"only {invalid + invalidNames + nan} of 2000 hostile lines were bad");
    }

    [Fact]
    public async Task Pickle_garbage_frames_are_counted_and_the_good_frames_around_them_are_stored()
    {
        await using var harness = await IngestionHarness.StartAsync();
        var random = new Random(7202);
        var reference = new PickleFrameDecoder(new MetricNameInterner());
        var stream = new MemoryStream();
        int rejected = 0, expectedPoints = 0;
        for (int i = 0; i < 300; i++)
        {
            WriteFrame(stream, GoodPickle($"pickle.good.m{i % 20}", Ts + i, i));
            expectedPoints++;
            byte[] bad = BadPickle(random, i);
            if (!reference.TryDecode(bad, Ts, new PointBatch(), out PickleFrameResult result, out _)) rejected++;
            else expectedPoints += result.Accepted;
            WriteFrame(stream, bad);
        }
        // A truncated last frame: its length promises more than the connection delivers.
        stream.Write([0, 0, 1, 0, 0x80, 0x02]);

        await ClientSockets.SendAndCloseAsync(harness.Pickle.LocalEndPoint, stream.ToArray());
        await harness.Store.WaitForAsync(expectedPoints);
        await harness.StopAsync();

        Assert.Equal(expectedPoints, harness.Store.Points.Count);
        for (int i = 0; i < 300; i++) Assert.Contains(($"pickle.good.m{i % 20}", Ts + i, (double)i), harness.Store.Points);
        Assert.Equal(rejected, harness.Counters.Snapshot().PickleFramesRejected);
        Assert.True(rejected > 250, $"only {rejected} of 300 hostile frames were rejected");
    }

    [Fact]
    public async Task Udp_garbage_datagrams_are_counted_and_good_datagrams_stored()
    {
        await using var harness = await IngestionHarness.StartAsync();
        var random = new Random(7203);
        using var client = new UdpClient();
        client.Connect(harness.Udp.LocalEndPoint);
        for (int i = 0; i < 200; i++)
        {
            byte[] bad = new byte[random.Next(1, 2000)];
            random.NextBytes(bad);
            for (int j = 0; j < bad.Length; j++) if (bad[j] is (byte)'\n' or (byte)'\r') bad[j] = (byte)'x';
            await client.SendAsync(bad);
            await client.SendAsync(Encoding.ASCII.GetBytes($"udp.good {i} {Ts + i}\n"));
            // One in flight at a time: the flood tests are separate; here no datagram may be lost.
            await harness.Store.WaitForAsync(i + 1);
        }
        await harness.StopAsync();

        Assert.Equal(Enumerable.Range(0, 200).Select(i => ("udp.good", Ts + i, (double)i)), harness.Store.Points);
        Assert.Equal(400, harness.Counters.Snapshot().UdpDatagrams);
        Assert.True(harness.Counters.Snapshot().LinesInvalid >= 190);
    }

    /// <summary>One hostile line (no '\n' inside), cycling through the families of the issue.</summary>
    private static byte[] BadLine(Random random, int i)
    {
        switch (i % 8)
        {
            case 0:
            {
                byte[] bytes = new byte[random.Next(1, 300)];
                random.NextBytes(bytes);
                for (int j = 0; j < bytes.Length; j++) if (bytes[j] == '\n') bytes[j] = 0;
                return bytes;
            }
            case 1: return [(byte)'a', 0xff, 0xfe, (byte)' ', (byte)'1', (byte)' ', (byte)'2'];
            case 2: return Encoding.ASCII.GetBytes($"fuzz.nan.ts 1 {(random.Next(3) switch { 0 => "nan", 1 => "inf", _ => "-inf" })}");
            case 3: return Encoding.ASCII.GetBytes($"fuzz.huge.ts 1 {random.Next(20, 300)}e{random.Next(20, 300)}");
            case 4: return Encoding.Latin1.GetBytes($"fuzz.ctl{(char)random.Next(0, 9)}name 1 {Ts}");
            case 5: return Encoding.ASCII.GetBytes($"fuzz.nan.value nan {Ts}");
            case 6: return Encoding.ASCII.GetBytes(string.Join('.', Enumerable.Repeat("n", 3000)) + $" 1 {Ts}");
            default: return Encoding.ASCII.GetBytes($"fuzz.fields {i} {Ts} extra");
        }
    }

    private static byte[] BadPickle(Random random, int i)
    {
        byte[] good = GoodPickle("pickle.bad", Ts, 1);
        switch (i % 6)
        {
            case 0:
            {
                byte[] bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
                return bytes;
            }
            case 1: return good[..random.Next(0, good.Length - 1)];
            case 2: return Encoding.Latin1.GetBytes("\u0080\u0002cos\nsystem\nX\u0002\u0000\u0000\u0000id\u0085R.");
            case 3:
            {
                var nested = new List<byte> { 0x80, 0x02, (byte)'}', (byte)'K', 1 };
                nested.AddRange(Enumerable.Repeat((byte)0x85, 50_000));
                nested.AddRange("K\u0001s."u8.ToArray());
                return nested.ToArray();
            }
            case 4: return Encoding.ASCII.GetBytes("(L" + new string('7', 5000) + "L\nt.");
            default: return [0x80, 0x02, (byte)']', (byte)'X', 0xff, 0xff, 0xff, 0x7f, (byte)'.'];
        }
    }

    /// <summary>Protocol 2 pickle of [(name, (timestamp, value))].</summary>
    private static byte[] GoodPickle(string name, long timestamp, double value)
    {
        var frame = new List<byte> { 0x80, 0x02, (byte)']', (byte)'X' };
        byte[] utf8 = Encoding.UTF8.GetBytes(name);
        byte[] number = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(number, utf8.Length);
        frame.AddRange(number[..4]);
        frame.AddRange(utf8);
        frame.Add((byte)'J');
        BinaryPrimitives.WriteInt32LittleEndian(number, (int)timestamp);
        frame.AddRange(number[..4]);
        frame.Add((byte)'G');
        BinaryPrimitives.WriteDoubleBigEndian(number, value);
        frame.AddRange(number);
        frame.AddRange([0x86, 0x86, (byte)'a', (byte)'.']);
        return frame.ToArray();
    }

    private static void WriteFrame(Stream stream, byte[] payload)
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)payload.Length);
        stream.Write(prefix);
        stream.Write(payload);
    }
}
