using System.Text;
using Tsdb.Protocols.Naming;
using Tsdb.Protocols.Plaintext;

namespace Tsdb.Protocols.Tests;

public class PlaintextLineParserTests
{
    [Theory]
    [MemberData(nameof(PlaintextCases.Indexes), MemberType = typeof(PlaintextCases))]
    public void Parses_each_case(int index)
    {
        PlaintextCase c = PlaintextCases.All[index];
        var parser = new PlaintextLineParser(new MetricNameInterner());

        PointParseStatus status = parser.TryParse(c.Line, PlaintextCases.ArrivalTime, out ParsedPoint point);

        Assert.Equal(c.Status, status);
        if (status == PointParseStatus.Accepted)
        {
            Assert.Equal(new ParsedPoint(c.Name!, c.Timestamp, c.Value), point);
        }
    }

    [Fact]
    public void Long_line_uses_the_scratch_buffer()
    {
        string name = new('x', 3000);
        var parser = new PlaintextLineParser(new MetricNameInterner());

        Assert.Equal(PointParseStatus.Accepted, parser.TryParse(Encoding.UTF8.GetBytes($"{name} 2 3"), 0, out ParsedPoint point));
        Assert.Equal(new ParsedPoint(name, 3, 2), point);
    }

    [Fact]
    public void Known_name_is_not_allocated_again()
    {
        var parser = new PlaintextLineParser(new MetricNameInterner());
        byte[] line = "vm.cputotals.user 1 1795727302"u8.ToArray();
        parser.TryParse(line, 0, out ParsedPoint first);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++) parser.TryParse(line, 0, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        parser.TryParse(line, 0, out ParsedPoint again);
        Assert.Same(first.Name, again.Name);
        Assert.Equal(0, allocated);
    }
}
