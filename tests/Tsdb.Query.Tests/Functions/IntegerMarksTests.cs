using Tsdb.Query.Functions.Support;
using static Tsdb.Query.Tests.Functions.FunctionTestHarness;

namespace Tsdb.Query.Tests.Functions;

/// <summary>Which aggregations of a range holding Python ints and floats give an int (IntegerMarks.ForRange).</summary>
public class IntegerMarksTests
{
    [Fact]
    public void A_pick_in_a_mixed_range_is_an_int_when_the_value_picked_is()
    {
        double[] raw = [2.5, 0, N, 3, 0.0, 1.5];
        bool[] marks = [false, true, false, true, false, false];
        Assert.True(IntegerMarks.ForRange("min", raw, marks, 0, raw.Length));  // the int 0 before the float 0.0
        Assert.True(IntegerMarks.ForRange("max", raw, marks, 0, raw.Length));  // 3
        Assert.False(IntegerMarks.ForRange("last", raw, marks, 0, raw.Length)); // 1.5
        Assert.False(IntegerMarks.ForRange("min", raw, marks, 2, 4));          // the float 0.0 (1.5 is larger)
        Assert.True(IntegerMarks.ForRange("current", raw, marks, 0, 4));       // 3
        Assert.False(IntegerMarks.ForRange("min", raw, marks, 2, 1));          // only a null
        Assert.False(IntegerMarks.ForRange("sum", raw, marks, 0, raw.Length)); // a float term
        Assert.True(IntegerMarks.ForRange("sum", raw, marks, 1, 3));
    }
}
